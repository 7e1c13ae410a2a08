"""The card's pages: public (offerings, the holder's page), the scheme's administration,
and the work of issuers and providers."""

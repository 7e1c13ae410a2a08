"""The methods app's models."""

"""The methods app's JSON API."""

from ninja import Router

router = Router(tags=["methods"])

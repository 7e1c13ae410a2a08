"""The card part of the bulk data set, and the card check `make bench` measures."""

import json

import pytest
from django.test import Client

from verso.card.bulk import _card_check
from verso.card.models import Card, CardUse, Provider
from verso.networks.bench import bench_world
from verso.networks.bulk import BulkContext, seed_bulk


@pytest.mark.django_db
def test_bulk_cards_and_uses_and_the_bench_check_answers_valid():
    seed_bulk(BulkContext(scale=0.004))
    assert Card.objects.count() == 400
    assert CardUse.objects.count() == 2000
    assert not Provider.objects.filter(accepted_terms__isnull=True).exists()
    request = _card_check(bench_world())
    response = Client().post(
        request.path,
        request.body,
        content_type=request.content_type,
        headers=dict(request.headers),
    )
    assert response.status_code == 200, response.content
    assert json.loads(response.content)["status"] == "valid"
    seed_bulk(BulkContext(scale=0.004))
    assert CardUse.objects.count() == 2000  # again: nothing added

import pytest
from django.urls import reverse

from verso.ideas.demo import DEMO_CALL_CODE, DEMO_FOLLOW_TOKEN
from verso.ideas.models import Idea, IdeaCall, IdeaStatus
from verso.networks.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_call_with_ideas_in_different_states(client):
    seed_demo()
    seed_demo()  # idempotent
    call = IdeaCall.objects.get(code=DEMO_CALL_CODE)
    assert call.is_open() and call.network.name == "Kuusamon kesäkeidas"
    ideas = Idea.objects.filter(call=call)
    assert ideas.count() == 4
    assert {i.status for i in ideas} >= {
        IdeaStatus.NEW,
        IdeaStatus.UNDER_DISCUSSION,
        IdeaStatus.NOT_NOW,
    }
    assert ideas.filter(assisted=True, entered_by__isnull=False).exists()
    assert ideas.filter(proposer__isnull=True, assisted=False).exists()  # anonymous
    assert sum(i.supports.count() for i in ideas) == 4
    assert ideas.filter(comments__isnull=False).exists()

    assert client.get(f"/i/{DEMO_CALL_CODE}/").status_code == 200
    page = client.get(reverse("ideas:follow", args=[DEMO_FOLLOW_TOKEN]))
    assert "Yhteinen kasvimaa" in page.content.decode()

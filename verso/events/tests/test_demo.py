"""The demo: the summer-oasis pop-up with sign-ups and the nature-photo exhibition."""

import pytest
from django.urls import reverse

from verso.events.demo import EXHIBITION, POP_UP
from verso.events.models import Activity, SignupStatus, Work, WorkStatus
from verso.networks.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_pop_up_and_the_exhibition_and_is_idempotent(client):
    seed_demo()
    seed_demo()
    pop_up = Activity.objects.get(title=POP_UP)
    assert pop_up.capacity == 10 and pop_up.status == "published"
    confirmed = pop_up.signups.filter(status=SignupStatus.CONFIRMED, kind="take_part")
    assert sum(s.group_size for s in confirmed) == 10
    assert pop_up.signups.filter(status=SignupStatus.WAITLISTED).count() == 1
    exhibition = Activity.objects.get(title=EXHIBITION)
    works = Work.objects.filter(activity=exhibition)
    assert works.values("community").distinct().count() == 3
    assert works.filter(status=WorkStatus.DECLINED).count() == 1
    assert client.get(reverse("events:public_list")).status_code == 200
    page = client.get(reverse("events:public_detail", args=[pop_up.pk])).content.decode()
    assert "All places are taken" in page
    gallery = client.get(reverse("events:gallery", args=[exhibition.pk])).content.decode()
    assert gallery.count('class="work-image"') == 4
    assert 'alt="Aamuaurinko nousee' in gallery


def test_the_demo_pop_up_realises_the_demo_plan_also_in_an_older_demo():
    from verso.card.models import Offering
    from verso.plans.demo import DEMO_PLAN

    seed_demo()
    pop_up = Activity.objects.get(title=POP_UP)
    assert pop_up.plan.title == DEMO_PLAN
    workshop = Offering.objects.get(title_fi="Kirjaston taidetyöpaja")
    assert workshop.venue is not None and workshop.venue.step_free
    # A demo seeded before the links existed gets them on the next seed.
    Activity.objects.filter(pk=pop_up.pk).update(plan=None)
    Offering.objects.filter(pk=workshop.pk).update(venue=None)
    seed_demo()
    assert Activity.objects.get(pk=pop_up.pk).plan.title == DEMO_PLAN
    assert Offering.objects.get(pk=workshop.pk).venue is not None

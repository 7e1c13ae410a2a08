"""A large synthetic data set for benchmarks: many networks, organisations and members.

Networks are made through the service (so each has its coordinator); the bulk of the
members is written with bulk_create in the same shape the services write, for speed.
"""

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from verso.networks import services
from verso.networks.choices import Competence, Role, Sector
from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person

BULK_PREFIX = "Bulk network"


class Command(BaseCommand):
    help = "Build a large synthetic data set for `make bench` (fictional, random)."

    def add_arguments(self, parser):
        parser.add_argument("--networks", type=int, default=100)
        parser.add_argument("--members", type=int, default=200, help="members per network")
        parser.add_argument("--organisations", type=int, default=300)
        parser.add_argument("--seed", type=int, default=1)

    @transaction.atomic
    def handle(self, *args, networks: int, members: int, organisations: int, seed: int, **options):
        if Network.objects.filter(name__startswith=BULK_PREFIX).exists():
            self.stdout.write("The bulk data set is already loaded.")
            return
        rng = random.Random(seed)  # noqa: S311  # nosec B311  # synthetic data, not security
        User = get_user_model()
        coordinator = User.objects.filter(
            email="bulk@verso.example"
        ).first() or User.objects.create_user(email="bulk@verso.example", password=None)
        sectors = list(Sector.values)
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bulk organisation {i}", sector=rng.choice(sectors))
                for i in range(organisations)
            ]
        )
        roles = [
            Role.PROFESSIONAL,
            Role.CLIENT,
            Role.PARTNER,
            Role.EXPERIENCE_EXPERT,
            Role.COORDINATION_GROUP,
        ]
        competences = list(Competence.values)
        for n in range(networks):
            network = services.network_create(
                actor=coordinator,
                name=f"{BULK_PREFIX} {n:04}",
                municipality="Benchmark",
                goal="Measure.",
            )
            people = Person.objects.bulk_create(
                [
                    Person(
                        display_name=f"Person {n}-{i}",
                        competences=rng.sample(competences, rng.randint(0, 2)),
                    )
                    for i in range(members)
                ]
            )
            memberships = Membership.objects.bulk_create(
                [
                    Membership(network=network, person=p, organisation=rng.choice(orgs))
                    for p in people
                ]
            )
            MembershipRole.objects.bulk_create(
                [
                    MembershipRole(membership=m, network=network, role=rng.choice(roles))
                    for m in memberships
                ]
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {networks} networks × {members} members, {organisations} organisations."
            )
        )

"""The bulk synthetic data set for benchmarks: `manage.py seed_bulk --scale S`.

At scale 1: 1,000 networks, 50,000 people (a fifth with an account), about 70,000
memberships with their roles, 2,000 organisations. Everything is fictional and random
(seeded, so a scale always gives the same data), and written with ``bulk_create`` in
batches, in the shape the services write.

Later apps add their part (activities, sign-ups, feedback, cards…): each registers, in its
AppConfig.ready(), a function taking a ``BulkContext``, with
``verso.networks.bulk.register_bulk_seeder(fn)``. The seeders run in the order of
INSTALLED_APPS after the networks part; each does nothing when its rows are already there,
finds the bulk networks with ``ctx.networks()``, sizes itself with ``ctx.count(n)`` (n is
the count at scale 1) and writes with ``ctx.insert(...)``, which batches and reports
progress.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from verso.networks.choices import Competence, Phase, Role, Sector, TargetGroup
from verso.networks.models import Membership, MembershipRole, Network, Organisation, Person

BULK_PREFIX = "Bulk network"
BULK_MUNICIPALITY = "Benchmark"
# The signed-in user of `make bench`: coordinator of the largest bulk network (with
# two-factor authentication), member of a few others.
BENCH_USER_EMAIL = "bulk@verso.example"
BULK_EMAIL_DOMAIN = "bulk.verso.example"
BATCH_SIZE = 2000

# Counts at scale 1.
NETWORKS = 1000
PEOPLE = 50_000
ORGANISATIONS = 2000
ACCOUNT_SHARE = 0.2  # people with an account
SECOND_MEMBERSHIP_SHARE = 0.4  # people in a second network
BENCH_NETWORK_MEMBERS = 2000  # the largest network, where `make bench` measures
BENCH_USER_OTHER_NETWORKS = 12  # the bench user's other networks (a 25-row page at most)

ProgressFn = Callable[[str, int, int], None]  # (label, done, total)


def _no_progress(label: str, done: int, total: int) -> None:
    return None


@dataclass
class BulkContext:
    """What a bulk seeder gets: the scale, a seeded random generator and the progress
    callback, with helpers to size and write its rows."""

    scale: float
    progress: ProgressFn = _no_progress
    seed: int = 1
    batch_size: int = BATCH_SIZE
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311  # nosec B311  # synthetic data

    def count(self, at_scale_one: int, minimum: int = 1) -> int:
        """How many rows of something that has ``at_scale_one`` rows at scale 1."""
        return max(minimum, round(at_scale_one * self.scale))

    def insert(
        self,
        model: type[models.Model],
        rows: Iterable[models.Model],
        *,
        total: int,
        label: str,
        keep: bool = True,
    ) -> list[models.Model]:
        """``bulk_create`` in batches, reporting progress; returns the rows with their pks
        (SQLite 3.35+ and PostgreSQL return them), or nothing with ``keep=False`` (for the
        millions of rows nothing refers to: they are not held in memory)."""
        created: list[models.Model] = []
        done = 0
        batch: list[models.Model] = []
        self.progress(label, 0, total)
        for row in rows:
            batch.append(row)
            if len(batch) >= self.batch_size:
                made = model.objects.bulk_create(batch)
                if keep:
                    created.extend(made)
                done += len(batch)
                batch = []
                self.progress(label, done, total)
        if batch:
            made = model.objects.bulk_create(batch)
            if keep:
                created.extend(made)
            done += len(batch)
        self.progress(label, done, done)  # the total may have been an estimate
        return created

    def networks(self) -> QuerySet[Network]:
        """The bulk networks, the largest (the bench network) first."""
        return Network.objects.filter(name__startswith=BULK_PREFIX).order_by("name", "id")


BulkSeeder = Callable[[BulkContext], None]
BULK_SEEDERS: list[BulkSeeder] = []


def register_bulk_seeder(fn: BulkSeeder) -> BulkSeeder:
    """Add an app's bulk seeder (call from its AppConfig.ready())."""
    if fn not in BULK_SEEDERS:
        BULK_SEEDERS.append(fn)
    return fn


def seed_bulk(ctx: BulkContext) -> None:
    """The networks part, then every registered app's part."""
    seed_networks(ctx)
    for seeder in BULK_SEEDERS:
        seeder(ctx)


def bench_network() -> Network | None:
    """The network where the benchmark measures: the largest bulk network."""
    return Network.objects.filter(name=network_name(0)).first()


def network_name(n: int) -> str:
    return f"{BULK_PREFIX} {n:04}"


# The networks part -------------------------------------------------------------------------

MEMBER_ROLES = [
    (Role.PROFESSIONAL, 40),
    (Role.CLIENT, 30),
    (Role.PARTNER, 10),
    (Role.EXPERIENCE_EXPERT, 8),
    (Role.UNIT_CONTACT, 7),
    (Role.COORDINATION_GROUP, 5),
]


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_networks(ctx: BulkContext) -> bool:
    """Organisations, people (some with accounts), networks, memberships and roles. Returns
    False when the bulk networks are already there (at this scale)."""
    n_networks = ctx.count(NETWORKS, minimum=2)
    existing = ctx.networks().count()
    if existing:
        if existing != n_networks:
            raise ValueError(
                f"This database holds a bulk data set of {existing} networks, not "
                f"{n_networks}: use a fresh database for another scale."
            )
        return False
    rng = ctx.rng
    today = timezone.localdate()
    from django.contrib.auth import get_user_model

    User = get_user_model()

    orgs = _seed_organisations(ctx, today)
    n_people = ctx.count(PEOPLE, minimum=60)
    n_accounts = max(10, int(n_people * ACCOUNT_SHARE))
    unusable = make_password(None)
    users = ctx.insert(
        User,
        (User(email=f"p{i:06}@{BULK_EMAIL_DOMAIN}", password=unusable) for i in range(n_accounts)),
        total=n_accounts,
        label="accounts",
    )
    bench_user = User.objects.filter(email=BENCH_USER_EMAIL).first() or User.objects.create_user(
        email=BENCH_USER_EMAIL, password=None
    )
    competences = list(Competence.values)

    def people_rows():
        for i in range(n_people):
            user = users[i] if i < n_accounts else None
            yield Person(
                display_name=f"Person {i:06}",
                email=user.email if user else (f"c{i:06}@{BULK_EMAIL_DOMAIN}" if i % 7 else ""),
                phone=f"040 {i:07}" if i % 5 == 0 else "",
                user=user,
                competences=rng.sample(competences, rng.randint(0, 2)),
                competence_tags=["bulk"] if i % 11 == 0 else [],
            )

    people = ctx.insert(Person, people_rows(), total=n_people, label="people")
    bench_person = Person.objects.filter(user=bench_user).first() or Person.objects.create(
        user=bench_user, display_name="Bulk Coordinator", email=BENCH_USER_EMAIL
    )

    phases = list(Phase.values)
    target_groups = list(TargetGroup.values)
    networks = ctx.insert(
        Network,
        (
            Network(
                name=network_name(n),
                municipality=BULK_MUNICIPALITY,
                goal="Measure how Verso carries a large data set.",
                description="A synthetic network for benchmarks." if n % 3 else "",
                phase=rng.choice(phases),
                target_groups=rng.sample(target_groups, rng.randint(0, 4)),
            )
            for n in range(n_networks)
        ),
        total=n_networks,
        label="networks",
    )

    # Who is in which network: the bench network gets BENCH_NETWORK_MEMBERS at scale 1,
    # everyone else one network, some a second one; each network's coordinator has an
    # account.
    plan: list[tuple[int, int]] = []  # (network index, person index)
    bench_size = min(ctx.count(BENCH_NETWORK_MEMBERS, minimum=30), n_people // 2)
    for i in range(bench_size):
        plan.append((0, i))
    for i in range(bench_size, n_people):
        first = rng.randrange(1, n_networks)
        plan.append((first, i))
        if rng.random() < SECOND_MEMBERSHIP_SHARE:
            second = rng.randrange(0, n_networks)
            if second != first:
                plan.append((second, i))
    coordinators: dict[int, int] = {}  # network index → person index, someone with an account
    for net, i in plan:
        if i < n_accounts and net not in coordinators and net != 0:
            coordinators[net] = i
    year_ago = today - datetime.timedelta(days=365)

    def membership_rows():
        for net, i in plan:
            ended = i % 20 == 19 and coordinators.get(net) != i
            yield Membership(
                network=networks[net],
                person=people[i],
                organisation=orgs[rng.randrange(len(orgs))] if i % 9 else None,
                starts_on=year_ago,
                ends_on=today - datetime.timedelta(days=30) if ended else None,
            )

    memberships = ctx.insert(Membership, membership_rows(), total=len(plan), label="memberships")
    # The bench user: coordinator of the bench network, member of a few others.
    bench_rows = [Membership(network=networks[0], person=bench_person, starts_on=year_ago)]
    others = rng.sample(range(1, n_networks), min(BENCH_USER_OTHER_NETWORKS, n_networks - 1))
    bench_rows += [
        Membership(network=networks[n], person=bench_person, starts_on=year_ago) for n in others
    ]
    bench_memberships = Membership.objects.bulk_create(bench_rows)

    def role_rows():
        for (net, i), m in zip(plan, memberships, strict=True):
            ends_on = m.ends_on
            if coordinators.get(net) == i:
                for role in (Role.COORDINATOR, Role.COORDINATION_GROUP):
                    yield MembershipRole(
                        membership=m, network_id=m.network_id, role=role, starts_on=year_ago
                    )
                continue
            roles = {_weighted(rng, MEMBER_ROLES)}
            if rng.random() < 0.15:
                roles.add(_weighted(rng, MEMBER_ROLES))
            for role in sorted(roles):
                yield MembershipRole(
                    membership=m,
                    network_id=m.network_id,
                    role=role,
                    starts_on=year_ago,
                    ends_on=ends_on,
                )
        yield from (
            MembershipRole(membership=bench_memberships[0], network_id=networks[0].pk, role=role)
            for role in (Role.COORDINATOR, Role.COORDINATION_GROUP)
        )
        for k, m in enumerate(bench_memberships[1:]):
            role = Role.COORDINATION_GROUP if k % 4 == 0 else Role.PROFESSIONAL
            yield MembershipRole(membership=m, network_id=m.network_id, role=role)

    ctx.insert(MembershipRole, role_rows(), total=int(len(plan) * 1.15), label="roles")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(user=bench_user, name="bench", defaults={"confirmed": True})
    return True


def _seed_organisations(ctx: BulkContext, today: datetime.date) -> list[Organisation]:
    rng = ctx.rng
    n_orgs = ctx.count(ORGANISATIONS, minimum=10)
    n_top = max(5, n_orgs * 4 // 5)
    sectors = list(Sector.values)

    def org(i: int, parent: Organisation | None = None) -> Organisation:
        project = i % 10 == 3
        return Organisation(
            name=f"Bulk organisation {i:05}",
            sector=parent.sector if parent else rng.choice(sectors),
            is_project=project,
            ends_on=today + datetime.timedelta(days=200 + i % 300) if project else None,
            parent=parent,
            municipality=BULK_MUNICIPALITY,
        )

    top = ctx.insert(
        Organisation, (org(i) for i in range(n_top)), total=n_top, label="organisations"
    )
    units = ctx.insert(
        Organisation,
        (org(i, parent=top[rng.randrange(n_top)]) for i in range(n_top, n_orgs)),
        total=n_orgs - n_top,
        label="units",
    )
    return top + units

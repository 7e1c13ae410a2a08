"""The network map: organisations as nodes, ties where they worked together.

Ties, each adding to the weight of a pair of organisations:
- ``network``: members in the same network (on the installation-wide map; within one
  network every pair shares it, so there it adds nothing to tell apart),
- ``meeting``: their people attended the same meeting,
- ``task``: they took action items from the same meeting (the owner organisation, or
  the owner person's organisation in the network),
- ``activity``: they organised an activity together.
A tie between different sectors is a *cross-sector tie* (bringing professionals together,
törmäyttäminen); they are counted by the quarter in which the pair first worked together.

The graph is built with networkx (degrees, weights, components). networkx's layouts need
NumPy, which Verso does not install, so the layout is computed here: a Fruchterman–Reingold
spring layout seeded with a fixed seed for maps of up to ``SPRING_MAX`` organisations, and
sectors on a ring (each sector's organisations around their sector's point) above it. Five
queries, whatever the number of meetings, activities and tasks.
"""

import datetime
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verso.networks.choices import Sector
from verso.networks.models import SECTOR_LABELS, Membership, Network, Organisation

SEED = 20240601
SPRING_MAX = 100
SIZE = 600  # the SVG's viewBox is SIZE × SIZE
MARGIN = 30
LABEL_ROOM = 160
TIE_KINDS = {
    "network": _("same network"),
    "meeting": _("meetings attended together"),
    "task": _("shared tasks"),
    "activity": _("co-organised activities"),
}
# Colour and shape per sector: the shape and the letter tell the sector apart without colour.
SECTOR_STYLE = {
    Sector.SOCIAL_HEALTH: ("#1b6ca8", "circle", "S"),
    Sector.EDUCATION: ("#7a4fa0", "square", "E"),
    Sector.CULTURE: ("#b1452f", "diamond", "C"),
    Sector.SPORTS_LEISURE: ("#2f7d32", "triangle", "L"),
    Sector.NATURE: ("#4d6b1f", "circle", "N"),
    Sector.ASSOCIATION: ("#a0522d", "square", "A"),
    Sector.PARISH: ("#5b5b8f", "diamond", "P"),
    Sector.COMPANY: ("#8a5a00", "triangle", "B"),
    Sector.OTHER: ("#555555", "circle", "O"),
}


@dataclass
class Node:
    pk: int
    name: str
    sector: str
    is_project: bool
    x: float = 0.0
    y: float = 0.0
    degree: int = 0
    strength: int = 0

    @property
    def sector_label(self) -> str:
        return str(SECTOR_LABELS.get(self.sector, self.sector))

    @property
    def colour(self) -> str:
        return SECTOR_STYLE.get(self.sector, SECTOR_STYLE[Sector.OTHER])[0]

    @property
    def shape(self) -> str:
        return SECTOR_STYLE.get(self.sector, SECTOR_STYLE[Sector.OTHER])[1]

    @property
    def letter(self) -> str:
        return SECTOR_STYLE.get(self.sector, SECTOR_STYLE[Sector.OTHER])[2]

    @property
    def cx(self) -> str:
        return f"{self.x:.1f}"

    @property
    def cy(self) -> str:
        return f"{self.y:.1f}"

    @property
    def letter_y(self) -> str:
        return f"{self.y + 3.5:.1f}"

    @property
    def name_x(self) -> str:
        return f"{self.x + 11:.1f}"

    @property
    def points(self) -> str:
        """The polygon of a square, diamond or triangle, around (x, y)."""
        r, x, y = 7, self.x, self.y
        if self.shape == "square":
            corners = [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
        elif self.shape == "diamond":
            corners = [(x, y - r - 2), (x + r + 2, y), (x, y + r + 2), (x - r - 2, y)]
        else:
            corners = [(x, y - r - 2), (x + r + 2, y + r), (x - r - 2, y + r)]
        return " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)


@dataclass
class Tie:
    a: Node
    b: Node
    weight: int
    kinds: dict[str, int]
    first: datetime.date | None

    @property
    def cross_sector(self) -> bool:
        return self.a.sector != self.b.sector

    @property
    def kind_labels(self) -> list[tuple[str, int]]:
        return [(str(TIE_KINDS[k]), n) for k, n in self.kinds.items()]


@dataclass
class NetworkMap:
    nodes: list[Node]
    ties: list[Tie]
    cross_by_quarter: list[tuple[str, int, int]] = field(
        default_factory=list
    )  # quarter, new, total
    components: int = 0

    @property
    def cross_ties(self) -> int:
        return sum(1 for t in self.ties if t.cross_sector)

    @property
    def sectors(self) -> list[tuple[str, str, str, str]]:
        present = {n.sector for n in self.nodes}
        return [(str(SECTOR_LABELS[s]), *SECTOR_STYLE[s]) for s in SECTOR_STYLE if s in present]

    def as_json(self) -> dict:
        return {
            "nodes": [
                {
                    "id": n.pk,
                    "name": n.name,
                    "sector": n.sector,
                    "is_project": n.is_project,
                    "x": round(n.x, 1),
                    "y": round(n.y, 1),
                    "degree": n.degree,
                }
                for n in self.nodes
            ],
            "edges": [
                {
                    "source": t.a.pk,
                    "target": t.b.pk,
                    "weight": t.weight,
                    "kinds": t.kinds,
                    "cross_sector": t.cross_sector,
                    "first": t.first.isoformat() if t.first else None,
                }
                for t in self.ties
            ],
            "cross_sector_ties": self.cross_ties,
            "cross_sector_by_quarter": [
                {"quarter": q, "new": new, "total": total}
                for q, new, total in self.cross_by_quarter
            ],
        }


def _day(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


class _Pairs:
    def __init__(self) -> None:
        self.kinds: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
        self.first: dict[tuple[int, int], datetime.date] = {}

    def add_group(self, orgs, kind: str, on) -> None:
        for a, b in combinations(sorted(set(orgs)), 2):
            self.add(a, b, kind, on)

    def add(self, a: int, b: int, kind: str, on) -> None:
        if a == b:
            return
        key = (a, b) if a < b else (b, a)
        kinds = self.kinds[key]
        kinds[kind] = kinds.get(kind, 0) + 1
        on = _day(on)
        if on and (key not in self.first or on < self.first[key]):
            self.first[key] = on


def _collect(network: Network | None) -> tuple[dict[int, Node], _Pairs]:
    from verso.events.models import Activity
    from verso.meetings.models import ActionItem, Attendance

    today = timezone.localdate()
    scope = Q(network=network) if network else Q()
    memberships = list(
        Membership.objects.filter(scope, organisation__isnull=False).values_list(
            "network_id", "person_id", "organisation_id", "starts_on", "ends_on"
        )
    )
    active = {org_id for _n, _p, org_id, _s, ends in memberships if ends is None or ends > today}
    pairs = _Pairs()
    person_org: dict[tuple[int, int], int] = {}
    by_network: dict[int, list[tuple[int, datetime.date]]] = defaultdict(list)
    for network_id, person_id, org_id, starts, _ends in memberships:
        person_org[(network_id, person_id)] = org_id
        by_network[network_id].append((org_id, starts))
    if network is None:
        for rows in by_network.values():
            start = {}
            for org_id, starts in rows:
                start[org_id] = min(start.get(org_id, starts), starts)
            for a, b in combinations(sorted(start), 2):
                pairs.add(a, b, "network", max(start[a], start[b]))

    meeting_scope = Q(meeting__network=network) if network else Q()
    attended: dict[int, tuple[set, datetime.datetime]] = {}
    for meeting_id, org_id, starts_at in Attendance.objects.filter(
        meeting_scope, organisation__isnull=False
    ).values_list("meeting_id", "organisation_id", "meeting__starts_at"):
        attended.setdefault(meeting_id, (set(), starts_at))[0].add(org_id)
    for orgs, starts_at in attended.values():
        pairs.add_group(orgs, "meeting", starts_at)

    # Shared tasks: the organisations (the owner organisation, or the owner person's) that
    # took action items from the same meeting share that meeting's work.
    tasks: dict[int, tuple[set, datetime.datetime]] = {}
    for meeting_id, net_id, person_id, org_id, created in ActionItem.objects.filter(
        scope, meeting__isnull=False
    ).values_list(
        "meeting_id", "network_id", "owner_person_id", "owner_organisation_id", "created_at"
    ):
        owner_org = org_id or person_org.get((net_id, person_id))
        if owner_org:
            tasks.setdefault(meeting_id, (set(), created))[0].add(owner_org)
    for orgs, created in tasks.values():
        pairs.add_group(orgs, "task", created)

    activity_scope = Q(activity__network=network) if network else Q()
    organised: dict[int, tuple[set, datetime.datetime]] = {}
    through = Activity.organisers.through
    for activity_id, org_id, starts_at in through.objects.filter(activity_scope).values_list(
        "activity_id", "organisation_id", "activity__starts_at"
    ):
        organised.setdefault(activity_id, (set(), starts_at))[0].add(org_id)
    for orgs, starts_at in organised.values():
        pairs.add_group(orgs, "activity", starts_at)

    wanted = active | {pk for key in pairs.kinds for pk in key}
    nodes = {
        pk: Node(pk, name, sector, is_project)
        for pk, name, sector, is_project in Organisation.objects.filter(pk__in=wanted).values_list(
            "id", "name", "sector", "is_project"
        )
    }
    return nodes, pairs


def _spring(graph: nx.Graph, nodes: dict[int, Node], height: float) -> None:
    """Fruchterman–Reingold, seeded: the same data draws the same map."""
    rng = random.Random(SEED)  # nosec B311  # a seeded drawing, not a secret
    ids = sorted(nodes)
    pos = {pk: [rng.random(), rng.random()] for pk in ids}
    n = len(ids)
    k = math.sqrt(1.0 / max(n, 1))
    temperature = 0.1
    for _step in range(60):
        shift = {pk: [0.0, 0.0] for pk in ids}
        for i, a in enumerate(ids):
            ax, ay = pos[a]
            for b in ids[i + 1 :]:
                dx, dy = ax - pos[b][0], ay - pos[b][1]
                dist = math.hypot(dx, dy) or 0.01
                force = k * k / dist
                fx, fy = dx / dist * force, dy / dist * force
                shift[a][0] += fx
                shift[a][1] += fy
                shift[b][0] -= fx
                shift[b][1] -= fy
        for a, b, data in graph.edges(data=True):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 0.01
            force = dist * dist / k * min(3, data.get("weight", 1)) ** 0.5
            fx, fy = dx / dist * force, dy / dist * force
            shift[a][0] -= fx
            shift[a][1] -= fy
            shift[b][0] += fx
            shift[b][1] += fy
        for pk in ids:
            dx, dy = shift[pk]
            length = math.hypot(dx, dy) or 0.01
            step = min(length, temperature)
            pos[pk][0] += dx / length * step
            pos[pk][1] += dy / length * step
        temperature *= 0.95
    _fit(pos, nodes, height)


def _sector_ring(nodes: dict[int, Node], height: float) -> None:
    """Large maps: each sector around its own point of a ring, the most tied in the middle."""
    sectors = [s for s in SECTOR_STYLE if any(n.sector == s for n in nodes.values())]
    pos = {}
    for i, sector in enumerate(sectors):
        angle = 2 * math.pi * i / max(len(sectors), 1)
        cx, cy = math.cos(angle), math.sin(angle)
        members = sorted(
            (n for n in nodes.values() if n.sector == sector), key=lambda n: (-n.strength, n.pk)
        )
        for j, node in enumerate(members):
            # a sunflower spiral: evenly spread, the first (most tied) in the centre
            r = 0.55 * math.sqrt((j + 0.5) / max(len(members), 1))
            theta = j * 2.39996
            pos[node.pk] = [cx * 1.4 + r * math.cos(theta), cy * 1.4 + r * math.sin(theta)]
    _fit(pos, nodes, height)


def _fit(pos: dict, nodes: dict[int, Node], height: float | None = None) -> None:
    if not pos:
        return
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    inner_x = SIZE - MARGIN - LABEL_ROOM  # names are written to the right of their node
    inner_y = (height or SIZE - MARGIN) - MARGIN
    for pk, (x, y) in pos.items():
        nodes[pk].x = MARGIN + (x - min(xs)) / span_x * inner_x
        nodes[pk].y = MARGIN + (y - min(ys)) / span_y * inner_y


def _row_below(alone: list[Node], *, bottom: bool) -> None:
    """Organisations without ties in rows along the bottom (or over the whole map when no
    organisation has ties yet), so that the tied ones get the room."""
    if not alone:
        return
    per_row = 3
    top = SIZE * 0.78 if bottom else MARGIN
    rows = math.ceil(len(alone) / per_row)
    step_y = min(28.0, (SIZE - MARGIN - top) / max(rows, 1))
    step_x = (SIZE - MARGIN - LABEL_ROOM + 100) / per_row
    for i, node in enumerate(alone):
        node.x = MARGIN + (i % per_row) * step_x
        node.y = top + (i // per_row) * step_y


def _quarter(day: datetime.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def network_map(network: Network | None) -> NetworkMap:
    """The map of one network, or (``None``) of every network of the installation."""
    nodes, pairs = _collect(network)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    for (a, b), kinds in pairs.kinds.items():
        if a in nodes and b in nodes:
            graph.add_edge(a, b, weight=sum(kinds.values()))
    for pk, degree in graph.degree():
        nodes[pk].degree = degree
    for pk, strength in graph.degree(weight="weight"):
        nodes[pk].strength = strength
    tied = {pk: node for pk, node in nodes.items() if node.degree}
    alone = sorted((n for n in nodes.values() if not n.degree), key=lambda n: (n.sector, n.name))
    height = SIZE * 0.72 if alone else SIZE - MARGIN
    if len(tied) <= SPRING_MAX:
        _spring(graph, tied, height)
    else:
        _sector_ring(tied, height)
    _row_below(alone, bottom=bool(tied))
    ties = [
        Tie(
            nodes[a],
            nodes[b],
            data["weight"],
            pairs.kinds[(min(a, b), max(a, b))],
            pairs.first.get((min(a, b), max(a, b))),
        )
        for a, b, data in graph.edges(data=True)
    ]
    ties.sort(key=lambda t: (-t.weight, t.a.name, t.b.name))
    firsts = sorted(t.first for t in ties if t.cross_sector and t.first)
    per_quarter: dict[str, int] = {}
    for day in firsts:
        per_quarter[_quarter(day)] = per_quarter.get(_quarter(day), 0) + 1
    total = 0
    by_quarter = []
    for quarter, new in per_quarter.items():
        total += new
        by_quarter.append((quarter, new, total))
    return NetworkMap(
        nodes=sorted(nodes.values(), key=lambda n: (-n.strength, n.name)),
        ties=ties,
        cross_by_quarter=by_quarter,
        components=nx.number_connected_components(graph) if nodes else 0,
    )

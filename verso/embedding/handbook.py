"""The network handbook (toimintamallin kuvaus), in the shape of an Innokylä operating-model
description, generated from what the network recorded; the coordinator adds text to each
section. Generated and written parts are kept apart so that every output marks them.

Reads (a fixed number of queries): the network, its newest plan and budget, members by role,
organisations by sector, meetings by kind, activities, structure links, the checklist, the
evaluation contract (``network_evaluation_facts``) and the methods contract
(``methods_used_in_network``).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from verso.embedding.models import HandbookSection, HandbookText, StructureLink
from verso.networks.choices import Role
from verso.networks.models import (
    ROLE_LABELS,
    SECTOR_LABELS,
    Membership,
    MembershipRole,
    Network,
    current_q,
)

DEVELOPMENT_PATH = {
    HandbookSection.STARTING_POINT,
    HandbookSection.NEEDS,
    HandbookSection.CO_DEVELOPMENT,
    HandbookSection.TARGETED_CHANGE,
    HandbookSection.MEASURING,
}
SECTION_LABELS = dict(HandbookSection.choices)


@dataclass
class Section:
    key: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # generated: label, value
    paragraphs: list[str] = field(default_factory=list)  # generated text (the plan's words)
    links: list[tuple[str, str]] = field(default_factory=list)  # generated: title, URL
    written: str = ""  # the coordinator's own text

    @property
    def title(self) -> str:
        return str(SECTION_LABELS[self.key])

    @property
    def in_development_path(self) -> bool:
        return self.key in DEVELOPMENT_PATH


@dataclass
class Handbook:
    network: Network
    sections: list[Section]
    generated_on: object

    @property
    def main_sections(self) -> list[Section]:
        return [s for s in self.sections if not s.in_development_path]

    @property
    def path_sections(self) -> list[Section]:
        return [s for s in self.sections if s.in_development_path]

    def as_json(self) -> dict:
        return {
            "network": self.network.name,
            "generated_on": self.generated_on.isoformat(),
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "development_path": s.in_development_path,
                    "generated": {
                        "facts": [{"label": label, "value": value} for label, value in s.facts],
                        "text": s.paragraphs,
                        "links": [{"title": t, "url": u} for t, u in s.links],
                    },
                    "written": s.written,
                }
                for s in self.sections
            ],
        }


def _join(values) -> str:
    return ", ".join(str(v) for v in values if v) or "—"


def network_handbook(network: Network) -> Handbook:
    from verso.embedding.checklist import network_checklist
    from verso.evaluation.selectors import network_evaluation_facts
    from verso.events.models import Activity, ActivityStatus
    from verso.meetings.choices import Kind
    from verso.meetings.models import Meeting
    from verso.methods.selectors import methods_used_in_network
    from verso.networks.choices import TargetGroup
    from verso.networks.services import network_coordinator
    from verso.plans.choices import BudgetStatus
    from verso.plans.models import BudgetLine, Plan

    today = timezone.localdate()
    now = timezone.now()
    texts = {t.section: t.text for t in HandbookText.objects.filter(network=network)}
    plan = Plan.objects.filter(network=network).order_by("-created_at", "-id").first()
    coordinator = network_coordinator(network)
    roles = dict(
        MembershipRole.objects.filter(current_q(), current_q("membership__"), network=network)
        .values("role")
        .annotate(n=Count("membership", distinct=True))
        .values_list("role", "n")
    )
    sectors = dict(
        Membership.objects.filter(current_q(), network=network, organisation__isnull=False)
        .values("organisation__sector")
        .annotate(n=Count("organisation", distinct=True))
        .values_list("organisation__sector", "n")
    )
    meetings = Meeting.objects.filter(network=network).aggregate(
        held=Count("id", filter=Q(starts_at__lt=now)),
        workshops=Count("id", filter=Q(kind=Kind.WORKSHOP, starts_at__lt=now)),
        round_tables=Count("id", filter=Q(kind=Kind.ROUND_TABLE, starts_at__lt=now)),
        trainings=Count("id", filter=Q(kind=Kind.TRAINING, starts_at__lt=now)),
        coming=Count("id", filter=Q(starts_at__gte=now)),
    )
    activities = (
        Activity.objects.filter(network=network)
        .exclude(status=ActivityStatus.CANCELLED)
        .aggregate(
            held=Count("id", filter=Q(ends_at__lt=now)),
            coming=Count("id", filter=Q(ends_at__gte=now)),
        )
    )
    budget = BudgetLine.objects.filter(plan__network=network).aggregate(
        total=Sum("amount"),
        committed=Sum("amount", filter=Q(status__in=[BudgetStatus.COMMITTED, BudgetStatus.SPENT])),
        owners=Count("owner_organisation", distinct=True),
    )
    links = list(StructureLink.objects.filter(network=network).values_list("title", "url"))
    facts = network_evaluation_facts(network)
    checklist = network_checklist(network, facts=facts)
    methods = methods_used_in_network(network)
    target_labels = dict(TargetGroup.choices)
    targets = _join(target_labels.get(v, v) for v in network.target_groups)

    def section(key, facts_=(), paragraphs=(), links_=()) -> Section:
        return Section(
            key,
            [(label, str(value)) for label, value in facts_],
            [p for p in paragraphs if p],
            list(links_),
            texts.get(key, ""),
        )

    coordinator_name = (
        f"{coordinator.person.display_name}"
        + (f", {coordinator.organisation.name}" if coordinator.organisation else "")
        if coordinator
        else "—"
    )
    sections = [
        section(
            HandbookSection.BASIC,
            [
                (_("Name"), network.name),
                (_("Municipality or region"), network.municipality),
                (_("Phase"), network.get_phase_display()),
                (_("Coordinator"), coordinator_name),
                (_("Target groups"), targets),
            ],
            [network.goal, network.description],
        ),
        section(
            HandbookSection.IDEA,
            [
                (_("Methods used"), _join(f"{m.name} ({m.kind_label})" for m in methods)),
            ],
            [plan.operating_model if plan else "", plan.activity if plan else ""],
            [(m.name, m.get_absolute_url()) for m in methods],
        ),
        section(
            HandbookSection.CONDITIONS,
            [
                *[(str(ROLE_LABELS[r]), roles[r]) for r in Role.values if roles.get(r)],
                (_("Budget in all (€)"), budget["total"] or 0),
                (_("Committed (€)"), budget["committed"] or 0),
                (_("Organisations owning budget lines"), budget["owners"]),
                (_("Embedding score"), f"{checklist.score} / 100"),
                (
                    _("What would raise it most"),
                    _join(f"{g.label} (+{g.missing})" for g in checklist.gaps[:3]),
                ),
            ],
            [plan.competence if plan else "", plan.budget_notes if plan else ""],
        ),
        section(
            HandbookSection.ENVIRONMENT,
            [(str(SECTOR_LABELS.get(s, s)), n) for s, n in sorted(sectors.items())],
            [],
            links,
        ),
        section(
            HandbookSection.STARTING_POINT,
            [(_("Network started"), network.created_at.date().isoformat())],
            [],
        ),
        section(
            HandbookSection.NEEDS,
            [(_("Target groups"), targets)],
            [plan.need if plan else "", plan.target_description if plan else ""],
        ),
        section(
            HandbookSection.CO_DEVELOPMENT,
            [
                (_("Meetings held"), meetings["held"]),
                (_("Co-development workshops"), meetings["workshops"]),
                (_("Round tables"), meetings["round_tables"]),
                (_("Trainings"), meetings["trainings"]),
                (_("Activities held"), activities["held"]),
                (_("Coming meetings and activities"), meetings["coming"] + activities["coming"]),
            ],
        ),
        section(
            HandbookSection.TARGETED_CHANGE,
            [(_("Goal"), network.goal)],
            [plan.activity if plan else ""],
        ),
        section(
            HandbookSection.MEASURING,
            [
                (_("Evaluations done"), facts.evaluations_done),
                (_("Last evaluated"), facts.last_evaluated_on or "—"),
                (_("Feedback answers"), facts.feedback_answers),
                (
                    _("Feedback mean (1–5)"),
                    f"{facts.feedback_mean:.1f}" if facts.feedback_mean is not None else "—",
                ),
                (
                    _("Decisions"),
                    _join(f"{k}: {v}" for k, v in sorted(facts.decisions.items())),
                ),
            ],
            [plan.evaluation if plan else "", *facts.lessons],
        ),
    ]
    return Handbook(network=network, sections=sections, generated_on=today)


def handbook_markdown(handbook: Handbook) -> str:
    generated = _("Generated from the network's data")
    written = _("Written by the coordinator")
    lines = [
        f"# {handbook.network.name}",
        "",
        f"*{_('Network handbook')} · {handbook.generated_on.isoformat()}*",
        "",
    ]
    path_started = False
    for s in handbook.sections:
        level = "##"
        if s.in_development_path:
            if not path_started:
                lines += [f"## {_('Development path')}", ""]
                path_started = True
            level = "###"
        lines += [f"{level} {s.title}", "", f"**{generated}**", ""]
        lines += [f"- {label}: {value}" for label, value in s.facts]
        lines += [f"- [{title}]({url})" for title, url in s.links]
        for p in s.paragraphs:
            lines += ["", p]
        lines += [""]
        if s.written:
            lines += [f"**{written}**", "", s.written, ""]
    return "\n".join(lines).rstrip() + "\n"

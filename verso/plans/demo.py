"""The demo's preliminary plan on Kuusamon kesäkeidas. Fictional people only.

Its readiness check names two gaps on purpose: nobody in the coordination group has the
guidance competence, and the painting supplies have no owner organisation. Adding a member
with guidance to the coordination group and giving the line an owner make the plan ready.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from verso.networks.choices import TargetGroup
from verso.networks.demo import DEMO_NETWORK
from verso.networks.models import Network, Organisation, Person
from verso.plans import services
from verso.plans.choices import BudgetStatus, FundingSource
from verso.plans.models import Plan

DEMO_PLAN = "Kesäkeidas 2027: alustava suunnitelma"
UNOWNED_ITEM = "Koristekivien maalit ja siveltimet"


def _org(name: str) -> Organisation | None:
    return Organisation.objects.filter(name=name).first()


@transaction.atomic
def seed() -> None:
    network = Network.objects.filter(name=DEMO_NETWORK).first()
    if network is None or Plan.objects.filter(network=network, title=DEMO_PLAN).exists():
        return
    coordinator = get_user_model().objects.filter(email="koordinaattori@verso.example").first()
    group_user = get_user_model().objects.filter(email="ryhma@verso.example").first()
    plan = services.plan_create(
        actor=coordinator,
        network=network,
        title=DEMO_PLAN,
        need=(
            "Kuusamossa moni asuu yksin, ja kuntoutujat, lapsiperheet ja ikäihmiset kohtaavat "
            "harvoin toisiaan. Tarvitaan **yhteinen kesäprojekti**, johon jokainen voi tulla "
            "mukaan omalla tavallaan ja joka jättää kaupunkikuvaan näkyvän jäljen."
        ),
        target_groups=[
            TargetGroup.REHABILITEES,
            TargetGroup.CHILDREN,
            TargetGroup.OLDER_PEOPLE,
            TargetGroup.RESIDENTS,
        ],
        target_description=(
            "- sosiaalisen kuntoutuksen ryhmä\n- päiväkodit Mustikka ja Kuukkeli\n"
            "- nuorten työpaja Verstas\n- kaikki kuusamolaiset avoimissa tapahtumissa"
        ),
        competence=(
            "Tarvitaan yhteiskehittämisen, sosiaali- ja terveysalan, luovien ja "
            "luontolähtöisten menetelmien sekä ohjauksen osaamista. Verkostoista mukaan "
            "4H-yhdistys ja paikallinen kukkakauppa."
        ),
        budget_notes="Tilat saadaan kirjastolta ja päiväkodeilta maksutta.",
        operating_model=(
            "Koordinaatioryhmä kokoontuu kahden viikon välein. Jokaisella toiminnolla on "
            "vastuuorganisaatio, ja ammattilaiset tuovat asiakasryhmänsä mukaan."
        ),
        activity=(
            "Yhteinen pienimuotoinen puutarha kirjaston pihalle, kesämattoprojekti, "
            "koristekivien maalaus ja kesän päätteeksi avoin juhla."
        ),
        evaluation=(
            "Osallistujat antavat palautetta jokaisen tapaamisen lopuksi hymiöillä. "
            "Syksyllä koordinaatioryhmä kokoaa osallistujamäärät ja palautteet raportiksi."
        ),
    )
    aino = Person.objects.filter(user=coordinator).first()
    lines = [
        (
            "Puutarhan taimet, multa ja kasvulaatikot",
            "620.00",
            _org("Kesäkeidas-hanke"),
            aino,
            BudgetStatus.COMMITTED,
            FundingSource.PROJECT,
        ),
        (
            "Kesämattojen kangas ja kuteet",
            "380.00",
            _org("Kuusamon kaupunginkirjasto"),
            None,
            BudgetStatus.PROPOSED,
            FundingSource.OWN_BUDGET,
        ),
        (UNOWNED_ITEM, "150.00", None, None, BudgetStatus.PROPOSED, FundingSource.DONATION),
        (
            "Kahvitarjoilu avoimeen juhlaan",
            "200.00",
            _org("Kuusamon 4H-yhdistys"),
            None,
            BudgetStatus.PROPOSED,
            FundingSource.IN_KIND,
        ),
    ]
    for item, amount, org, person, status, source in lines:
        services.budget_line_add(
            actor=coordinator,
            plan=plan,
            item=item,
            amount=Decimal(amount),
            owner_organisation=org,
            owner_person=person,
            status=status,
            funding_source=source,
        )
    _link_demo_ideas(coordinator, plan)
    if group_user is not None:
        version = plan.versions.order_by("-number").first()
        services.version_comment_add(
            actor=group_user,
            version=version,
            text=(
                "Kirjasto voi lainata pihan ja ompelukoneet. Maalien rahoittaja pitää vielä sopia."
            ),
        )


def _link_demo_ideas(coordinator, plan: Plan) -> None:
    """The plan draws on the nature-walks idea of the demo's idea call; the other ideas are
    left for the coordinator to take in (or not)."""
    from verso.ideas.models import IdeaStatus
    from verso.ideas.selectors import ideas_for_network

    idea = (
        ideas_for_network(plan.network)
        .filter(text__startswith="Luontokävelyt", status=IdeaStatus.NEW)
        .first()
    )
    if idea is not None:
        services.plan_idea_take(actor=coordinator, plan=plan, idea=idea)

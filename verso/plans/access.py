"""The only way views and the API fetch plans and their rows for a user.

Members of the network read its plans (professionals, partners and experts implement
them); the coordination group writes them and comments on versions; the coordinator
accepts gaps and moves the phase. A plan, line or version of another network answers 404.
"""

from django.http import Http404

from verso.networks.access import Need, NetworkAccess, access_network_for, refused
from verso.plans.models import BudgetLine, Plan, PlanVersion

PLAN = "plans.plan"
LINE = "plans.budgetline"
VERSION = "plans.planversion"


def access_plan_for(user, network_id, plan_id, need: Need) -> tuple[NetworkAccess, Plan]:
    access = access_network_for(user, network_id, need)
    try:
        plan = Plan.objects.select_related("network").get(pk=int(plan_id), network=access.network)
    except (Plan.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, PLAN, plan_id) from None
    return access, plan


def access_line_for(
    user, network_id, plan_id, line_id, need: Need
) -> tuple[NetworkAccess, Plan, BudgetLine]:
    access, plan = access_plan_for(user, network_id, plan_id, need)
    try:
        line = BudgetLine.objects.select_related("owner_organisation", "owner_person").get(
            pk=int(line_id), plan=plan
        )
    except (BudgetLine.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, LINE, line_id) from None
    line.plan = plan
    return access, plan, line


def access_version_for(
    user, network_id, plan_id, version_id, need: Need
) -> tuple[NetworkAccess, Plan, PlanVersion]:
    access, plan = access_plan_for(user, network_id, plan_id, need)
    try:
        version = PlanVersion.objects.select_related("author").get(pk=int(version_id), plan=plan)
    except (PlanVersion.DoesNotExist, TypeError, ValueError, OverflowError):
        raise refused(user, Http404, VERSION, version_id) from None
    version.plan = plan
    return access, plan, version

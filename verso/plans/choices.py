from django.db import models
from django.utils.translation import gettext_lazy as _


class BudgetStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    COMMITTED = "committed", _("Committed")
    SPENT = "spent", _("Spent")


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own budget")
    PROJECT = "project", _("Project")
    DONATION = "donation", _("Donation")
    IN_KIND = "in_kind", _("In kind")


# The plan's sections in the model's order: field name and label.
SECTIONS = [
    ("need", _("Need for change and the activity that brings it")),
    ("target_description", _("Target groups or organisations")),
    ("competence", _("Competence and networks needed")),
    ("budget_notes", _("Budget")),
    ("operating_model", _("Operating model")),
    ("activity", _("Loose description of the activity")),
    ("evaluation", _("Evaluation plan")),
]
SECTION_FIELDS = [name for name, _label in SECTIONS]

"""The model's vocabularies (see ../shared/mission/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    SOCIAL_HEALTH = "social_health", _("Social and health services")
    EDUCATION = "education", _("Education services")
    CULTURE = "culture", _("Culture services")
    SPORTS_LEISURE = "sports_leisure", _("Sports and leisure services")
    NATURE = "nature", _("Nature / Green Care")
    ASSOCIATION = "association", _("Association")
    PARISH = "parish", _("Parish")
    COMPANY = "company", _("Company")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    COORDINATION_GROUP = "coordination_group", _("Coordination group")
    UNIT_CONTACT = "unit_contact", _("Unit contact person")
    PROFESSIONAL = "professional", _("Professional")
    CLIENT = "client", _("Client or resident")
    EXPERIENCE_EXPERT = "experience_expert", _("Experience expert")
    PARTNER = "partner", _("Partner")


class Competence(models.TextChoices):
    CO_DEVELOPMENT = "co_development", _("Co-development")
    SOCIAL_HEALTH = "social_health", _("Social and health care")
    CREATIVE_NATURE = "creative_nature", _("Creative or nature-based methods")
    GUIDANCE = "guidance", _("Guidance")


class NetworkStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Phase(models.TextChoices):
    IDEATION = "ideation", _("Ideation")
    PLANNING = "planning", _("Planning")
    CO_DEVELOPMENT = "co_development", _("Co-development")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")
    EMBEDDING = "embedding", _("Embedding")


class TargetGroup(models.TextChoices):
    # Professional target group: they plan and implement with clients and partners.
    SOCIAL_HEALTH_SERVICES = "social_health_services", _("Social and health services")
    HEALTH_PROMOTION = "health_promotion", _("Health promotion")
    EDUCATION = "education", _("Education")
    SOCIAL_REHABILITATION = "social_rehabilitation", _("Social rehabilitation")
    IMMIGRANT_INTEGRATION = "immigrant_integration", _("Integration of immigrants")
    ELDERLY_CARE = "elderly_care", _("Elderly care")
    SPORTS_CULTURE_SERVICES = "sports_culture_services", _("Sports and culture services")
    DAYCARE = "daycare", _("Day-care centres")
    METHOD_PROFESSIONALS = "method_professionals", _("Art, culture and nature method professionals")
    # Client and resident target group.
    REHABILITEES = "rehabilitees", _("Rehabilitees")
    UNEMPLOYED = "unemployed", _("Unemployed people")
    IMMIGRANTS = "immigrants", _("Immigrants")
    YOUNG_PEOPLE = "young_people", _("Young people")
    CHILDREN = "children", _("Children")
    OLDER_PEOPLE = "older_people", _("Older people")
    DISABLED_PEOPLE = "disabled_people", _("Disabled people")
    RESIDENTS = "residents", _("Residents")
    TOURISTS = "tourists", _("Tourists")
    CLOSE_ONES = "close_ones", _("Those close to them")
    # Indirect target group: from whom services can be bought, and civil society.
    NATURE_PROFESSIONALS = "nature_professionals", _("Nature professionals")
    ARTISTS = "artists", _("Artists")
    TRAINERS = "trainers", _("Trainers")
    ASSOCIATIONS = "associations", _("Associations, clubs and organisations")
    PARISHES = "parishes", _("Parishes")
    COMPANIES = "companies", _("Companies")


TARGET_GROUP_SECTIONS = [
    (
        _("Professional target group"),
        [
            TargetGroup.SOCIAL_HEALTH_SERVICES,
            TargetGroup.HEALTH_PROMOTION,
            TargetGroup.EDUCATION,
            TargetGroup.SOCIAL_REHABILITATION,
            TargetGroup.IMMIGRANT_INTEGRATION,
            TargetGroup.ELDERLY_CARE,
            TargetGroup.SPORTS_CULTURE_SERVICES,
            TargetGroup.DAYCARE,
            TargetGroup.METHOD_PROFESSIONALS,
        ],
    ),
    (
        _("Client and resident target group"),
        [
            TargetGroup.REHABILITEES,
            TargetGroup.UNEMPLOYED,
            TargetGroup.IMMIGRANTS,
            TargetGroup.YOUNG_PEOPLE,
            TargetGroup.CHILDREN,
            TargetGroup.OLDER_PEOPLE,
            TargetGroup.DISABLED_PEOPLE,
            TargetGroup.RESIDENTS,
            TargetGroup.TOURISTS,
            TargetGroup.CLOSE_ONES,
        ],
    ),
    (
        _("Indirect target group"),
        [
            TargetGroup.NATURE_PROFESSIONALS,
            TargetGroup.ARTISTS,
            TargetGroup.TRAINERS,
            TargetGroup.ASSOCIATIONS,
            TargetGroup.PARISHES,
            TargetGroup.COMPANIES,
        ],
    ),
]

TARGET_GROUP_CHOICES_GROUPED = [
    (section, [(g.value, g.label) for g in groups]) for section, groups in TARGET_GROUP_SECTIONS
]

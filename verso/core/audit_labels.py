"""What each audit action means, in words a coordinator reads in the audit trail."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "access.denied": _("Access refused"),
    "account.email_change": _("E-mail address changed"),
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
    "auth.login": _("Logged in"),
    "auth.login_failed": _("Failed login"),
    "auth.logout": _("Logged out"),
    "auth.password_change": _("Password changed"),
    "auth.password_reset": _("Password reset"),
    "consent.give": _("Consent recorded"),
    "consent.withdraw": _("Consent withdrawn"),
    "membership.add": _("Member added"),
    "membership.end": _("Membership ended"),
    "membership.update": _("Roles changed"),
    "network.create": _("Network created"),
    "network.handover": _("Coordination handed over"),
    "network.update": _("Network details changed"),
    "organisation.create": _("Organisation added"),
    "organisation.update": _("Organisation changed"),
    "otp.setup": _("Two-factor authentication set up"),
    "otp.setup_failed": _("Two-factor set-up failed"),
    "otp.verify": _("Two-factor code accepted"),
    "otp.verify_failed": _("Two-factor code refused"),
    "person.competences": _("Competences changed"),
    "person.erase": _("Personal data erased"),
    "person.update": _("Name or contact details corrected"),
    "person.export": _("Personal data exported"),
}

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from verso.meetings.choices import Answer, ItemStatus, Kind, Mode, Reply
from verso.meetings.models import Meeting
from verso.networks.choices import Competence
from verso.networks.models import Membership, Network, Organisation, Person, current_q
from verso.plans.models import Plan

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
LINES_MAX = 20_000


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def slot_label(value: datetime.datetime) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def when_field(label, required=True):
    return forms.DateTimeField(
        label=label, input_formats=DATETIME_FORMATS, widget=DateTimeInput(), required=required
    )


def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def network_persons(network: Network):
    return Person.objects.filter(
        memberships__in=Membership.objects.filter(current_q(), network=network)
    ).distinct()


def network_organisations(network: Network):
    return Organisation.objects.filter(
        memberships__in=Membership.objects.filter(current_q(), network=network)
    ).distinct()


class PeopleField(forms.ModelMultipleChoiceField):
    """Ids that are not 64-bit integers are refused before they reach the database."""

    def clean(self, value):
        for item in value or []:
            try:
                number = int(str(item))
            except (TypeError, ValueError):
                continue  # Django names the bad value
            if not 0 < number < 2**63:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:30]},
                )
        return super().clean(value)


class VenueFields(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    mode = forms.ChoiceField(label=_("How"), choices=Mode.choices)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.CharField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        help_text=_("An https:// address of the online meeting."),
    )


class MeetingForm(VenueFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = when_field(_("Starts"))
    ends_at = when_field(_("Ends"))
    agenda = forms.CharField(
        label=_("Agenda"), max_length=5000, required=False, widget=forms.Textarea({"rows": 5})
    )
    method = forms.CharField(label=_("Method taught (trainings)"), max_length=50, required=False)
    competence = forms.ChoiceField(
        label=_("Competence area (trainings)"),
        choices=[("", "—"), *Competence.choices],
        required=False,
    )
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("None: not part of a plan"),
        help_text=_("The plan of this network the meeting belongs to; the plan's page lists it."),
    )
    field_order = ["title", "kind", "starts_at", "ends_at", "mode", "place", "online_url"]

    def __init__(self, *args, network: Network | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if network is not None:
            self.fields["plan"].queryset = Plan.objects.filter(network=network).order_by(
                "title", "pk"
            )

    @classmethod
    def for_meeting(cls, data, meeting: Meeting | None, network: Network | None = None):
        initial = None
        if meeting is not None:
            initial = {name: getattr(meeting, name) for name in cls.base_fields}
            network = meeting.network
        return cls(data, initial=initial, network=network)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.CharField(label=_("Or a link"), max_length=500, required=False)


class InviteForm(forms.Form):
    people = PeopleField(
        label=_("People"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisations = PeopleField(
        label=_("Whole organisations (their members in the network)"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    client_units = PeopleField(
        label=_("The clients a unit brings"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, initial="fi"
    )

    def __init__(self, data=None, *, network: Network, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["people"].queryset = network_persons(network)
        self.fields["organisations"].queryset = network_organisations(network)
        self.fields["client_units"].queryset = network_organisations(network)


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label=_("Are you coming?"),
        choices=[
            (Reply.YES, Reply.YES.label),
            (Reply.MAYBE, Reply.MAYBE.label),
            (Reply.NO, Reply.NO.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=_("For example an interpreter or access needs."),
    )
    invitation = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class AttendanceForm(forms.Form):
    people = PeopleField(
        label=_("Members who came"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label=_("Guests without an account (one name a line)"),
        max_length=LINES_MAX,
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    unnamed_clients = forms.IntegerField(
        label=_("Unnamed clients"),
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text=_("Clients who came but are not recorded by name."),
    )

    def __init__(self, data=None, *, network: Network, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["people"].queryset = network_persons(network)


class MinutesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"), max_length=20_000, required=False, widget=forms.Textarea({"rows": 8})
    )
    decisions = forms.CharField(
        label=_("Decisions (one a line)"),
        max_length=LINES_MAX,
        required=False,
        widget=forms.Textarea({"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and not (data.get("notes") or "").strip()
            and not lines(data.get("decisions"))
        ):
            self.add_error("notes", _("Write the notes or at least one decision."))
        return data


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=300)
    owner = forms.ChoiceField(label=_("Who"), choices=())
    due_on = forms.DateField(label=_("By when"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, *, network: Network, **kwargs):
        super().__init__(data, **kwargs)
        people = [(f"p{p.pk}", p.display_name) for p in network_persons(network)]
        orgs = [(f"o{o.pk}", o.name) for o in network_organisations(network)]
        self.fields["owner"].choices = [
            ("", "—"),
            (_("People"), people),
            (_("Organisations"), orgs),
        ]
        self.fields["due_on"].initial = datetime.date.today() + datetime.timedelta(days=14)

    def owner_objects(self) -> dict:
        value = self.cleaned_data.get("owner") or ""
        kind, pk = value[:1], value[1:]
        if kind == "p":
            return {"owner_person": Person.objects.get(pk=int(pk))}
        if kind == "o":
            return {"owner_organisation": Organisation.objects.get(pk=int(pk))}
        return {}


class ItemStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)


class BoardFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *ItemStatus.choices], required=False
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False, empty_label=_("Anyone")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Any"),
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, data=None, *, network: Network, with_clients: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        people = network_persons(network)
        if not with_clients:  # clients' names only to the coordination group
            from verso.meetings.services import client_ids

            people = people.exclude(pk__in=client_ids(network))
        self.fields["person"].queryset = people
        self.fields["organisation"].queryset = network_organisations(network)


class SeriesForm(VenueFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = when_field(_("First meeting starts"))
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=1440, initial=120
    )
    rrule = forms.CharField(
        label=_("Recurrence rule (RFC 5545)"),
        max_length=300,
        initial="FREQ=MONTHLY;BYDAY=1TU;COUNT=6",
        help_text=_(
            "For example FREQ=MONTHLY;BYDAY=1TU;COUNT=6 — the first Tuesday of the month, "
            "six times. The rule must end (COUNT or UNTIL)."
        ),
    )
    exdates = forms.CharField(
        label=_("Dates left out"),
        max_length=2000,
        required=False,
        help_text=_("Dates without a meeting, as YYYY-MM-DD separated by commas."),
    )
    agenda = forms.CharField(
        label=_("Standing agenda"),
        max_length=5000,
        required=False,
        widget=forms.Textarea({"rows": 4}),
    )
    field_order = ["title", "kind", "starts_at", "duration_minutes", "rrule", "exdates"]

    def clean_exdates(self):
        dates = []
        for part in (self.cleaned_data.get("exdates") or "").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                dates.append(datetime.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    _("%(value)s is not a date (YYYY-MM-DD)."), params={"value": part[:20]}
                ) from None
        return dates


class PollForm(VenueFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=1440, initial=120
    )
    slots = forms.CharField(
        label=_("Time slots (one a line, YYYY-MM-DD HH:MM)"),
        max_length=2000,
        widget=forms.Textarea({"rows": 4}),
    )
    field_order = ["title", "kind", "duration_minutes", "slots"]

    def clean_slots(self):
        field = forms.DateTimeField(input_formats=DATETIME_FORMATS)
        found = []
        for line in lines(self.cleaned_data.get("slots")):
            try:
                found.append(field.clean(line))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("%(value)s is not a time (YYYY-MM-DD HH:MM)."), params={"value": line[:30]}
                ) from None
        if not found:
            raise forms.ValidationError(_("Give at least one time slot."))
        return found


class VoteForm(forms.Form):
    def __init__(self, data=None, *, slots, **kwargs):
        super().__init__(data, **kwargs)
        for row in slots:
            self.fields[f"slot_{row.slot.pk}"] = forms.ChoiceField(
                label=slot_label(row.slot.starts_at),
                choices=Answer.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.mine or None,
            )

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("slot_")): value
            for name, value in self.cleaned_data.items()
            if value
        }


class PollCloseForm(forms.Form):
    slot = forms.ChoiceField(label=_("Chosen time"), choices=())

    def __init__(self, data=None, *, slots, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["slot"].choices = [
            (row.slot.pk, slot_label(row.slot.starts_at)) for row in slots
        ]

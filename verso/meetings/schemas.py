"""The meetings API's request and answer shapes."""

import datetime

from ninja import Field, Schema
from pydantic import StrictInt

from verso.meetings.choices import Answer, ItemStatus, Kind, Mode, Reply

Title = Field(..., min_length=1, max_length=200)


class MeetingIn(Schema):
    title: str = Title
    kind: Kind = Kind.WORKSHOP
    mode: Mode = Mode.IN_PERSON
    place: str = Field("", max_length=200)
    online_url: str = Field("", max_length=500)
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    agenda: str = Field("", max_length=5000)
    method: str = Field("", max_length=50)
    competence: str = Field("", max_length=32)
    plan_id: StrictInt | None = Field(None, description="The plan of this network it belongs to.")


class MeetingPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=200)
    mode: Mode | None = None
    place: str | None = Field(None, max_length=200)
    online_url: str | None = Field(None, max_length=500)
    starts_at: datetime.datetime | None = None
    ends_at: datetime.datetime | None = None
    agenda: str | None = Field(None, max_length=5000)
    plan_id: StrictInt | None = Field(None, description="The plan it belongs to; null unlinks.")


class MeetingOut(Schema):
    id: int
    title: str
    kind: str
    mode: str
    place: str
    online_url: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    agenda: str
    series_id: int | None
    plan_id: int | None
    method: str
    competence: str
    unnamed_clients: int


class SeriesIn(Schema):
    title: str = Title
    kind: Kind = Kind.ROUND_TABLE
    mode: Mode = Mode.IN_PERSON
    place: str = Field("", max_length=200)
    online_url: str = Field("", max_length=500)
    starts_at: datetime.datetime
    duration_minutes: StrictInt = Field(120, ge=15, le=1440)
    rrule: str = Field(..., min_length=1, max_length=300)
    exdates: list[datetime.date] = Field(default_factory=list, max_length=100)
    agenda: str = Field("", max_length=5000)


class SeriesOut(Schema):
    id: int
    title: str
    kind: str
    rrule: str
    exdates: list[str]
    starts_at: datetime.datetime
    duration_minutes: int
    meeting_ids: list[int]


class PollIn(Schema):
    title: str = Title
    kind: Kind = Kind.WORKSHOP
    mode: Mode = Mode.IN_PERSON
    place: str = Field("", max_length=200)
    online_url: str = Field("", max_length=500)
    duration_minutes: StrictInt = Field(120, ge=15, le=1440)
    slots: list[datetime.datetime] = Field(..., min_length=1, max_length=20)


class SlotOut(Schema):
    id: int
    starts_at: datetime.datetime
    yes: int
    if_need_be: int
    no: int
    mine: str


class PollOut(Schema):
    id: int
    title: str
    status: str
    meeting_id: int | None
    slots: list[SlotOut]


class VoteIn(Schema):
    answers: dict[int, Answer] = Field(..., min_length=1, max_length=20)


class CloseIn(Schema):
    slot_id: StrictInt


class InviteIn(Schema):
    person_ids: list[StrictInt] = Field(default_factory=list, max_length=500)
    organisation_ids: list[StrictInt] = Field(default_factory=list, max_length=100)
    client_unit_ids: list[StrictInt] = Field(default_factory=list, max_length=100)
    language: str = Field("fi", max_length=2)


class InvitationOut(Schema):
    id: int
    person_id: int
    person_name: str
    organisation_id: int | None
    via_id: int | None
    language: str
    reply: str
    note: str


class ReplyIn(Schema):
    reply: Reply
    note: str = Field("", max_length=500)
    invitation_id: StrictInt | None = None


class AttendanceIn(Schema):
    person_ids: list[StrictInt] = Field(default_factory=list, max_length=500)
    guests: list[str] = Field(default_factory=list, max_length=200)
    unnamed_clients: StrictInt = Field(0, ge=0, le=10_000)


class AttendanceOut(Schema):
    people: list[int]
    guests: list[str]
    unnamed_clients: int


class MinutesIn(Schema):
    notes: str = Field("", max_length=20_000)
    decisions: list[str] = Field(default_factory=list, max_length=50)


class MinutesOut(Schema):
    notes: str
    decisions: list[str]
    action_item_ids: list[int]


class ItemIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    owner_person_id: StrictInt | None = None
    owner_organisation_id: StrictInt | None = None
    due_on: datetime.date
    meeting_id: StrictInt | None = None


class ItemPatch(Schema):
    status: ItemStatus


class ItemOut(Schema):
    id: int
    title: str
    owner_person_id: int | None
    owner_organisation_id: int | None
    due_on: datetime.date
    status: str
    meeting_id: int | None
    overdue: bool


class ItemFilter(Schema):
    status: ItemStatus | None = None
    person_id: int | None = Field(None, ge=1, le=2**63 - 1)
    organisation_id: int | None = Field(None, ge=1, le=2**63 - 1)
    overdue: bool = False

"""Writes of the events app: places, activities, sign-ups, attendance, outcomes and works.

The capacity rule lives in ``signup_create`` and ``signup_cancel`` alone: both lock the
activity's row (``select_for_update`` on PostgreSQL; on SQLite every transaction takes the
write lock at its start, ``transaction_mode=IMMEDIATE``), count the places taken and decide,
so two requests never both take the last place, and a cancellation promotes from the
waiting list exactly once.
"""

from verso.events.services.activities import (
    ACTIVITY_FIELDS,
    PLACE_FIELDS,
    activity_create,
    activity_record_outcome,
    activity_update,
    place_create,
    place_update,
)
from verso.events.services.signups import (
    contact_key,
    places_taken,
    signup_cancel,
    signup_create,
    signup_send_reminders,
    signup_set_attendance,
)
from verso.events.services.works import work_curate, work_submit, works_withdraw_for

__all__ = [
    "ACTIVITY_FIELDS",
    "PLACE_FIELDS",
    "activity_create",
    "activity_record_outcome",
    "activity_update",
    "contact_key",
    "place_create",
    "place_update",
    "places_taken",
    "signup_cancel",
    "signup_create",
    "signup_send_reminders",
    "signup_set_attendance",
    "work_curate",
    "work_submit",
    "works_withdraw_for",
]

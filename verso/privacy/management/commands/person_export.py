import json

from django.core.management.base import BaseCommand, CommandError

from verso.networks.models import Person
from verso.privacy.services import person_export


class Command(BaseCommand):
    help = "Print everything Verso holds about a person as JSON (a data-subject request)."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's account or contact e-mail.")
        parser.add_argument("--person-id", type=int)

    def handle(self, *args, email=None, person_id=None, **options):
        person = _find(email, person_id)
        self.stdout.write(
            json.dumps(person_export(actor=None, person=person), indent=2, ensure_ascii=False)
        )


def _find(email, person_id) -> Person:
    qs = Person.objects.all()
    if person_id:
        qs = qs.filter(pk=person_id)
    elif email:
        qs = qs.filter(user__email__iexact=email) | qs.filter(email__iexact=email)
    else:
        raise CommandError("Give --email or --person-id.")
    people = list(qs.distinct()[:2])
    if len(people) != 1:
        raise CommandError(f"{len(people)} people match; use --person-id.")
    return people[0]

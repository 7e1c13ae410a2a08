from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from verso.privacy.management.commands.person_export import _find
from verso.privacy.services import person_erase


class Command(BaseCommand):
    help = "Erase a person's data on request (refuses with the reasons when it must wait)."

    def add_arguments(self, parser):
        parser.add_argument("--email")
        parser.add_argument("--person-id", type=int)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email=None, person_id=None, yes=False, **options):
        person = _find(email, person_id)
        if not yes:
            answer = input(f"Erase {person.display_name} (#{person.pk})? Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        try:
            person_erase(actor=None, person=person, reason="operator")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Person #{person.pk} was erased."))

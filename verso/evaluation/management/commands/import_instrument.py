"""Import a validated instrument from its definition file (JSON or YAML)::

    manage.py import_instrument path/to/instrument.yaml

Every problem of a malformed file is listed with its place in the file, and nothing is
imported. The schema is verso/evaluation/instrument.schema.json."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from verso.evaluation.instruments import InstrumentFileError, import_instrument


class Command(BaseCommand):
    help = "Import a validated instrument from a JSON or YAML definition file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path: str, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            instrument = import_instrument(
                actor=None, content=file.read_bytes(), filename=file.name
            )
        except InstrumentFileError as error:
            for problem in error.problems:
                self.stderr.write(f"{file.name} {problem}")
            raise CommandError(f"{len(error.problems)} problem(s); nothing was imported.") from None
        self.stdout.write(f"Imported {instrument.key} {instrument.version} (id {instrument.pk}).")

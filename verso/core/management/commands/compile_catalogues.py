"""Compile the translation catalogues (``.po`` → ``.mo``) in Python, without GNU gettext.

`make messages` (and so `make run` and `make test`) uses this, so Python and make are all
that running Verso needs. Like ``msgfmt --check-format``, it refuses a translation whose
``%(name)s`` placeholders differ from the source's; fuzzy and empty entries are left out,
as msgfmt leaves them out.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")


def placeholders(text: str) -> list[str]:
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


def format_errors(catalogue: polib.POFile) -> list[str]:
    """Entries whose translation's placeholders differ from the source's."""
    errors = []
    for entry in catalogue.translated_entries():
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:
            sources = [entry.msgid, entry.msgid_plural]
            expected = set(placeholders(entry.msgid_plural)) | set(placeholders(entry.msgid))
            for text in entry.msgstr_plural.values():
                # A plural form may leave out the count ("one member" for %(n)s).
                if not set(placeholders(text)) <= expected:
                    errors.append(f"{entry.linenum}: {sources[0]!r}")
        elif placeholders(entry.msgstr) != placeholders(entry.msgid):
            errors.append(f"{entry.linenum}: {entry.msgid!r}")
    return errors


def compile_catalogue(po_path: Path, mo_path: Path | None = None) -> Path:
    catalogue = polib.pofile(str(po_path))
    errors = format_errors(catalogue)
    if errors:
        raise CommandError(f"{po_path}: placeholders differ from the source:\n" + "\n".join(errors))
    mo_path = mo_path or po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compile the .po catalogues of LOCALE_PATHS to .mo files (no msgfmt needed)."

    def handle(self, *args, **options):
        count = 0
        for root in settings.LOCALE_PATHS:
            for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
                compile_catalogue(po_path)
                count += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"compiled {po_path}")
        if options["verbosity"] > 0:
            self.stdout.write(f"{count} catalogues compiled.")

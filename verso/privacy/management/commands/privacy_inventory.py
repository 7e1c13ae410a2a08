from django.core.management.base import BaseCommand

from verso.privacy.inventory import personal_fields


class Command(BaseCommand):
    help = "Print the data inventory (every field holding personal data) as a Markdown table."

    def handle(self, *args, **options):
        self.stdout.write("| field | category | purpose | retention |")
        self.stdout.write("| --- | --- | --- | --- |")
        for key, field in sorted(personal_fields().items()):
            self.stdout.write(
                f"| `{key}` | {field.category} | {field.purpose} | {field.retention} |"
            )

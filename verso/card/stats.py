"""The scheme's statistics: aggregated counts only, small cells suppressed.

Each table is one aggregate query (GROUP BY in the database, never a loop over rows), so
the page costs the same few queries with a hundred uses or half a million. A count from 1
to 4 is shown as "<5": with so few, a holder could be recognised.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from verso.card.choices import AgeGroup, LifeSituation
from verso.card.models import Card, CardUse, Scheme

SUPPRESS_BELOW = 5
SUPPRESSED = "<5"


def suppress(value: int | None) -> int | str:
    value = value or 0
    return SUPPRESSED if 0 < value < SUPPRESS_BELOW else value


@dataclass
class StatTable:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)  # label, then suppressed counts


def _uses(scheme: Scheme):
    return CardUse.objects.filter(provider__scheme=scheme, undone_at__isnull=True)


def _use_counts(qs):
    return qs.annotate(
        uses=Count("id"), people=Sum(F("holders") + F("children") + F("adults"))
    ).order_by()


def _month(value) -> str:
    return date_format(value, "Y-m") if value else ""


def scheme_statistics(scheme: Scheme) -> list[StatTable]:
    """Six tables, six aggregate queries."""
    use_cols = [_("Uses"), _("People (holders and companions)")]
    language = (get_language() or "fi")[:2]
    title = f"offering__title_{language}" if language in ("sv", "en") else "offering__title_fi"

    by_offering = _use_counts(
        _uses(scheme).values(
            "offering_id", "offering__title_fi", title, "provider__organisation__name"
        )
    )
    by_provider = _use_counts(_uses(scheme).values("provider_id", "provider__organisation__name"))
    by_month = _use_counts(
        _uses(scheme).annotate(month=TruncMonth("used_on")).values("month")
    ).order_by("month")
    by_age = _use_counts(_uses(scheme).values("card__age_group"))
    by_situation = _use_counts(_uses(scheme).values("card__life_situation"))
    cards = (
        Card.objects.filter(scheme=scheme)
        .annotate(month=TruncMonth("issued_at"))
        .values("month")
        .annotate(
            issued=Count("id", distinct=True),
            used=Count(
                "id", distinct=True, filter=Q(uses__isnull=False, uses__undone_at__isnull=True)
            ),
        )
        .order_by("month")
    )

    ages = dict(AgeGroup.choices)
    situations = dict(LifeSituation.choices)
    return [
        StatTable(
            "offering",
            _("Uses by offering"),
            [_("Offering"), _("Provider"), *use_cols],
            sorted(
                (
                    [
                        r[title] or r["offering__title_fi"],
                        r["provider__organisation__name"],
                        suppress(r["uses"]),
                        suppress(r["people"]),
                    ]
                    for r in by_offering
                ),
                key=lambda row: (row[1], row[0]),
            ),
        ),
        StatTable(
            "provider",
            _("Uses by provider"),
            [_("Provider"), *use_cols],
            sorted(
                [r["provider__organisation__name"], suppress(r["uses"]), suppress(r["people"])]
                for r in by_provider
            ),
        ),
        StatTable(
            "month",
            _("Uses by month"),
            [_("Month"), *use_cols],
            [[_month(r["month"]), suppress(r["uses"]), suppress(r["people"])] for r in by_month],
        ),
        StatTable(
            "age_group",
            _("Uses by age group"),
            [_("Age group"), *use_cols],
            [
                [str(label), suppress(row["uses"]), suppress(row["people"])]
                for key, label in ages.items()
                for row in by_age
                if row["card__age_group"] == key
            ],
        ),
        StatTable(
            "life_situation",
            _("Uses by life situation"),
            [_("Life situation"), *use_cols],
            [
                [str(label), suppress(row["uses"]), suppress(row["people"])]
                for key, label in situations.items()
                for row in by_situation
                if row["card__life_situation"] == key
            ],
        ),
        StatTable(
            "cards",
            _("Cards issued and used, by month of issue"),
            [_("Month"), _("Cards issued"), _("Cards used")],
            [[_month(r["month"]), suppress(r["issued"]), suppress(r["used"])] for r in cards],
        ),
    ]


def statistics_csv(tables: list[StatTable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow([_safe_cell(v) for v in row])
        writer.writerow([])
    return out.getvalue()


def _safe_cell(value):
    """No formulas in exported cells (CSV injection): text starting with = + - @ is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and value != SUPPRESSED:
        return "'" + value
    return value


def statistics_xlsx(tables: list[StatTable]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([table.title])
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([_safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bar_chart_svg(table: StatTable, column: int = 1) -> str:
    """A bar chart of one column, drawn on the server as inline SVG. Suppressed cells have
    no bar: the data table beside the chart shows "<5" for them."""
    rows = table.rows
    values = [row[column] if isinstance(row[column], int) else 0 for row in rows]
    top = max(values, default=0) or 1
    bar_h, gap, label_w, width = 22, 8, 90, 520
    height = max(len(rows), 1) * (bar_h + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="chart-{escape(table.key)}-title" class="bar-chart">',
        f'<title id="chart-{escape(table.key)}-title">{escape(table.title)}</title>',
    ]
    for i, (row, value) in enumerate(zip(rows, values, strict=True)):
        y = gap + i * (bar_h + gap)
        w = int((width - label_w - 60) * value / top)
        shown = escape(str(row[column]))
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="13" fill="#1f2d27">{escape(str(row[0]))}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#2f6b4f"></rect>'
            f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="13" fill="#1f2d27">{shown}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703  # every text escaped

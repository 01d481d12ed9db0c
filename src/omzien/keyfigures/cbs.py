"""Reading CBS "Kerncijfers wijken en buurten" exports: CSV and OData JSON.

This module only reads and checks a file; `services.keyfigures_import` saves the result.

CBS gives its columns keys with a number suffix that changes from year to year
(`InBezitWoningcorporatie_42` in one table, `_49` in the next), so a column is matched by
its **title** first (normalised: lower case, single spaces, the unit in brackets taken
off and kept as a hint), and only then by its key without the suffix. `FIGURES` is the
table of known titles; docs/keyfigures.md lists it.

Unknown or suppressed values: CBS's own legend uses "." for "unknown, not reliable
enough or secret", "x" for "secret" in older tables and an empty cell for "cannot occur";
the OData API gives null. "-" ("nihil" in older legends) and "?" are read as unknown as
well: we would rather show "onbekend" than a 0 CBS did not publish as a number.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: Cell values that mean "no figure" (compared after stripping spaces).
MARKERS = frozenset({"", ".", "x", "X", "-", "–", "?", "null", "NULL"})

CODE_PATTERN = re.compile(r"^(GM\d{4}|WK\d{6}|BU\d{8})$")
YEAR_PATTERN = re.compile(r"\b(19[89]\d|20\d\d)\b")
TABLE_PATTERN = re.compile(r"\b(\d{5}(?:NED|ENG))\b")
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Figure:
    """One key figure: the titles and key stems CBS has used for it, and where it goes."""

    name: str
    titles: tuple[str, ...]
    key_stems: tuple[str, ...]
    count_field: str | None
    share_field: str | None
    default_kind: str = "count"


#: The mapping table of known CBS titles (normalised) and key stems (lower case).
FIGURES: tuple[Figure, ...] = (
    Figure(
        "population",
        ("aantal inwoners", "inwoners", "totaal inwoners"),
        ("aantalinwoners",),
        "population",
        None,
    ),
    Figure(
        "age_0_15",
        ("0 tot 15 jaar", "personen 0 tot 15 jaar", "k 0 tot 15 jaar"),
        ("k_0tot15jaar", "percentagepersonen0tot15jaar"),
        "age_0_15",
        "age_0_15_share",
    ),
    Figure(
        "age_15_25",
        ("15 tot 25 jaar", "personen 15 tot 25 jaar", "k 15 tot 25 jaar"),
        ("k_15tot25jaar", "percentagepersonen15tot25jaar"),
        "age_15_25",
        "age_15_25_share",
    ),
    Figure(
        "age_25_45",
        ("25 tot 45 jaar", "personen 25 tot 45 jaar", "k 25 tot 45 jaar"),
        ("k_25tot45jaar", "percentagepersonen25tot45jaar"),
        "age_25_45",
        "age_25_45_share",
    ),
    Figure(
        "age_45_65",
        ("45 tot 65 jaar", "personen 45 tot 65 jaar", "k 45 tot 65 jaar"),
        ("k_45tot65jaar", "percentagepersonen45tot65jaar"),
        "age_45_65",
        "age_45_65_share",
    ),
    Figure(
        "age_65_plus",
        ("65 jaar of ouder", "personen 65 jaar of ouder", "k 65 jaar of ouder"),
        ("k_65jaarofouder", "percentagepersonen65jaarenouder"),
        "age_65_plus",
        "age_65_plus_share",
    ),
    Figure(
        "households",
        ("huishoudens totaal", "particuliere huishoudens", "aantal huishoudens"),
        ("huishoudenstotaal", "particulierehuishoudens"),
        "households",
        None,
    ),
    Figure(
        "single_person",
        ("eenpersoonshuishoudens",),
        ("eenpersoonshuishoudens",),
        "single_person_households",
        "single_person_share",
    ),
    Figure(
        "social_rent",
        (
            "in bezit woningcorporatie",
            "in bezit van woningcorporaties",
            "huurwoningen in bezit woningcorporaties",
            "huurwoningen woningcorporatie",
        ),
        ("inbezitwoningcorporatie", "huurwoningeninbezitwoningcorporaties"),
        None,
        "social_rent_share",
        default_kind="share",
    ),
)

#: Columns that hold the area code ("BU03630000  ", padded in CBS's own key column).
CODE_TITLES = ("codering", "wijken en buurten", "regiocode", "gwb code", "code")
CODE_KEY_STEMS = ("codering", "wijkenenbuurten", "regios", "gwb_code")
REQUIRED_FIELDS = ("population",)


class CbsFileError(Exception):
    """The file cannot be imported; `problems` says why, row by row."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.english() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Problem:
    message: str | Promise
    params: dict[str, Any] = field(default_factory=dict)

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return str(self.message) % self.params if self.params else str(self.message)

    def __str__(self) -> str:
        """In the language that is active (the web page's)."""
        return str(self.message) % self.params if self.params else str(self.message)

    def dutch(self) -> str:
        return self.in_language("nl")

    def english(self) -> str:
        return self.in_language("en")


@dataclass(frozen=True)
class Column:
    """A column of the file: how to read it from a row, and what CBS calls it."""

    ref: Any  # index (CSV) or property name (OData)
    key: str | None
    title: str | None
    unit: str | None = None

    @property
    def label(self) -> str:
        if self.key and self.title and self.key != self.title:
            return f"{self.key} ({self.title})"
        return self.key or self.title or str(self.ref)


@dataclass
class ParsedRow:
    line: int
    code: str
    values: dict[str, Decimal | None]


@dataclass
class ParsedFile:
    source_format: str
    year: int | None
    table_id: str
    #: model field -> the CBS column it comes from
    columns: dict[str, str]
    rows: list[ParsedRow]
    #: rows whose code is not a municipality, district or neighbourhood code (e.g. NL00)
    other_codes: list[str]


def normalise_title(title: str) -> tuple[str, str | None]:
    """'Bevolking/Leeftijdsgroepen/0 tot 15 jaar (%)' -> ('0 tot 15 jaar', 'share')."""
    text = title.replace("\ufeff", "").split("/")[-1]
    units = re.findall(r"[(\[]([^)\]]*)[)\]]", text)
    text = re.sub(r"[(\[][^)\]]*[)\]]", " ", text)
    text = re.sub(r"[\s_]+", " ", text).strip(" :").lower()
    return text, unit_kind(" ".join(units))


def unit_kind(unit: str | None) -> str | None:
    if not unit:
        return None
    unit = unit.lower()
    if "%" in unit or "procent" in unit or "percent" in unit:
        return "share"
    if "aantal" in unit or "number" in unit:
        return "count"
    return None


def key_stem(key: str) -> str:
    """'InBezitWoningcorporatie_42' -> 'inbezitwoningcorporatie'."""
    return re.sub(r"_\d+$", "", key.replace("\ufeff", "").strip()).lower()


def _figure_for(column: Column) -> tuple[Figure, str] | None:
    kind_hint = unit_kind(column.unit)
    if column.title:
        title, title_kind = normalise_title(column.title)
        kind_hint = title_kind or kind_hint
        for figure in FIGURES:
            if title in figure.titles:
                return figure, kind_hint or figure.default_kind
    if column.key:
        stem = key_stem(column.key)
        for figure in FIGURES:
            if stem in figure.key_stems:
                kind = kind_hint
                if kind is None:
                    kind = "share" if stem.startswith("percentage") else figure.default_kind
                return figure, kind
    return None


def _is_code_column(column: Column) -> bool:
    if column.title and normalise_title(column.title)[0] in CODE_TITLES:
        return True
    return bool(column.key and key_stem(column.key) in CODE_KEY_STEMS)


def match_columns(columns: list[Column]) -> tuple[dict[str, Column], list[Column]]:
    """Map model fields to columns (first match wins) and list the code columns."""
    matched: dict[str, Column] = {}
    code_columns = [column for column in columns if _is_code_column(column)]
    for column in columns:
        found = _figure_for(column)
        if found is None:
            continue
        figure, kind = found
        target = figure.count_field if kind == "count" else figure.share_field
        if target is not None and target not in matched:
            matched[target] = column
    return matched, code_columns


def parse_number(raw: Any) -> Decimal | None:
    """A CBS cell as a number; None for a marker of an unknown value. ValueError otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if text in MARKERS:
        return None
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")  # 1.234,5
    elif "," in text:
        text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        raise ValueError(raw)
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules this out
        raise ValueError(raw) from exc


def _check_value(target: str, value: Decimal) -> str | Promise | None:
    if target.endswith("_share"):
        if not Decimal(0) <= value <= Decimal(100):
            return _("a percentage must be between 0 and 100")
        return None
    if value < 0:
        return _("a number of people, households or homes cannot be negative")
    if value != value.to_integral_value():
        return _("a number of people, households or homes must be a whole number")
    return None


def _read_rows(
    columns: list[Column],
    records: list[tuple[int, Any]],
    problems: list[Problem],
) -> tuple[dict[str, str], list[ParsedRow], list[str]]:
    matched, code_columns = match_columns(columns)
    if not code_columns:
        problems.append(
            Problem(
                _("The file has no column with the area code (expected “%(titles)s”)."),
                {"titles": "”, “".join(["Codering", "WijkenEnBuurten"])},
            )
        )
    for required in REQUIRED_FIELDS:
        if required not in matched:
            figure = next(f for f in FIGURES if f.count_field == required)
            problems.append(
                Problem(
                    _("The file has no column “%(column)s” (or “%(key)s_…”)."),
                    {"column": figure.titles[0], "key": "AantalInwoners"},
                )
            )
    if problems:
        return {}, [], []

    rows: list[ParsedRow] = []
    other: list[str] = []
    seen: dict[str, int] = {}
    for line, record in records:
        code = ""
        for column in code_columns:
            candidate = str(_cell(record, column.ref) or "").strip().upper()
            if CODE_PATTERN.match(candidate):
                code = candidate
                break
        if not code:
            raw = str(_cell(record, code_columns[0].ref) or "").strip()
            if raw:
                other.append(raw)
            continue
        if code in seen:
            problems.append(
                Problem(
                    _("Row %(row)s: area %(code)s is in the file twice (also row %(first)s)."),
                    {"row": line, "code": code, "first": seen[code]},
                )
            )
            continue
        seen[code] = line
        values: dict[str, Decimal | None] = {}
        for target, column in matched.items():
            raw = _cell(record, column.ref)
            try:
                value = parse_number(raw)
            except ValueError:
                problems.append(
                    Problem(
                        _(
                            "Row %(row)s (%(code)s), column “%(column)s”: “%(value)s” is not a "
                            "number and not a CBS sign for an unknown value."
                        ),
                        {"row": line, "code": code, "column": column.label, "value": raw},
                    )
                )
                continue
            if value is not None:
                reason = _check_value(target, value)
                if reason is not None:
                    problems.append(
                        Problem(
                            _("Row %(row)s (%(code)s), column “%(column)s”: %(reason)s."),
                            {
                                "row": line,
                                "code": code,
                                "column": column.label,
                                "reason": reason,
                            },
                        )
                    )
                    continue
            values[target] = value
        rows.append(ParsedRow(line=line, code=code, values=values))
    columns_used = {target: column.label for target, column in matched.items()}
    return columns_used, rows, other


def _cell(record: Any, ref: Any) -> Any:
    if isinstance(record, dict):
        return record.get(ref)
    return record[ref] if ref < len(record) else None


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _year_and_table(texts: list[str]) -> tuple[int | None, str]:
    year = None
    table = ""
    for text in texts:
        if year is None and "kerncijfers" in text.lower():
            match = YEAR_PATTERN.search(text)
            if match:
                year = int(match.group(1))
        if not table:
            found = TABLE_PATTERN.search(text)
            if found:
                table = found.group(1)
    return year, table


def parse_csv(text: str) -> tuple[ParsedFile, list[Problem]]:
    problems: list[Problem] = []
    lines = text.splitlines()
    sample = "\n".join(lines[:20])
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"')
    preamble: list[str] = []
    header: list[str] | None = None
    records: list[tuple[int, Any]] = []
    for cells in reader:
        line = reader.line_num
        if header is None:
            filled = [cell for cell in cells if cell.strip()]
            candidate = [Column(ref=i, key=c.strip(), title=c.strip()) for i, c in enumerate(cells)]
            if len(filled) >= 2 and any(_is_code_column(c) for c in candidate):
                header = cells
                columns = candidate
            else:
                preamble.extend(filled)
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len([cell for cell in cells if cell.strip()]) == 1 and len(header) > 2:
            continue  # a note under the table, such as "Bron: CBS"
        if len(cells) != len(header):
            problems.append(
                Problem(
                    _("Row %(row)s has %(found)s fields; the header has %(expected)s."),
                    {"row": line, "found": len(cells), "expected": len(header)},
                )
            )
            continue
        records.append((line, cells))
    year, table = _year_and_table(preamble)
    if header is None:
        problems.append(
            Problem(
                _(
                    "This is not a CBS table: no header row with the area code "
                    "(“Codering” or “WijkenEnBuurten”) was found."
                )
            )
        )
        return ParsedFile("csv", year, table, {}, [], []), problems
    columns_used, rows, other = _read_rows(columns, records, problems)
    return ParsedFile("csv", year, table, columns_used, rows, other), problems


def _odata_list(document: dict[str, Any], name: str) -> list[Any] | None:
    value = document.get(name)
    if isinstance(value, dict):
        value = value.get("value")
    return value if isinstance(value, list) else None


def parse_odata(text: str) -> tuple[ParsedFile, list[Problem]]:
    empty = ParsedFile("odata", None, "", {}, [], [])
    try:
        document = json.loads(text)
    except ValueError:
        return empty, [Problem(_("The file is not valid JSON."))]
    rows_data = _odata_list(document, "TypedDataSet") if isinstance(document, dict) else None
    if rows_data is None or not all(isinstance(row, dict) for row in rows_data):
        return empty, [
            Problem(_("This is not a CBS OData file: the list “TypedDataSet” is missing."))
        ]
    properties = _odata_list(document, "DataProperties") or []
    by_key = {str(p.get("Key")): p for p in properties if isinstance(p, dict) and p.get("Key")}
    keys: list[str] = []
    for row in rows_data:
        keys.extend(key for key in row if key not in keys)
    columns = [
        Column(
            ref=key,
            key=key,
            title=(by_key.get(key) or {}).get("Title"),
            unit=(by_key.get(key) or {}).get("Unit"),
        )
        for key in keys
    ]
    infos = _odata_list(document, "TableInfos") or []
    texts = [
        str(info.get(name, ""))
        for info in infos
        if isinstance(info, dict)
        for name in ("Title", "ShortTitle", "Identifier", "Period")
    ]
    year, table = _year_and_table(texts)
    if year is None:
        for info in infos:
            period = (
                YEAR_PATTERN.search(str(info.get("Period", ""))) if isinstance(info, dict) else None
            )
            if period:
                year = int(period.group(1))
                break
    for info in infos:
        if isinstance(info, dict) and info.get("Identifier"):
            table = str(info["Identifier"])[:20]
            break
    problems: list[Problem] = []
    # OData rows have no line numbers; count them from 1 as a person would.
    records = list(enumerate(rows_data, start=1))
    columns_used, rows, other = _read_rows(columns, records, problems)
    return ParsedFile("odata", year, table, columns_used, rows, other), problems


def parse(content: bytes, *, year: int | None = None) -> ParsedFile:
    """Read a CBS export (CSV or OData JSON, told apart by content). Raises CbsFileError."""
    text = _decode(content)
    if text.lstrip().startswith("{"):
        parsed, problems = parse_odata(text)
    else:
        parsed, problems = parse_csv(text)
    if year is not None:
        parsed.year = year
    if parsed.year is None and not problems:
        problems.append(Problem(_("The file does not say which year it is about: give the year.")))
    elif parsed.year is not None and not 1995 <= parsed.year <= 2100:
        problems.append(
            Problem(_("%(year)s is not a year of CBS key figures."), {"year": parsed.year})
        )
    if not problems and not parsed.rows:
        problems.append(
            Problem(
                _("The file holds no rows with a municipality, district or neighbourhood code.")
            )
        )
    if problems:
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = [
                *problems[:MAX_PROBLEMS],
                Problem(_("… and %(count)s more problems."), {"count": rest}),
            ]
        raise CbsFileError(problems)
    return parsed


def share_of(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """part / whole as a percentage with one decimal; None when either is unknown or 0."""
    if part is None or whole is None or whole <= 0 or part > whole:
        return None
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

"""Reading CBS files: titles, key suffixes, markers and the errors for a bad file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from omzien.keyfigures import cbs
from omzien.keyfigures.cbs import CbsFileError, Column, parse, parse_number


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Aantal inwoners (aantal)", ("aantal inwoners", "count")),
        ("  In bezit   woningcorporatie (%) ", ("in bezit woningcorporatie", "share")),
        ("Bevolking/Leeftijdsgroepen/0 tot 15 jaar (aantal)", ("0 tot 15 jaar", "count")),
        ("Eenpersoonshuishoudens [%]", ("eenpersoonshuishoudens", "share")),
        ("Codering", ("codering", None)),
    ],
)
def test_titles_are_normalised_and_the_unit_kept_as_a_hint(
    title: str, expected: tuple[str, str | None]
) -> None:
    assert cbs.normalise_title(title) == expected


def test_a_key_loses_its_year_specific_suffix() -> None:
    assert cbs.key_stem("InBezitWoningcorporatie_42") == cbs.key_stem("InBezitWoningcorporatie_49")
    assert cbs.key_stem("k_0Tot15Jaar_8") == "k_0tot15jaar"


def test_columns_are_matched_by_title_before_key() -> None:
    columns = [
        Column(ref=0, key="Codering_3", title="Codering"),
        # A key we do not know, with a title we do: the title decides.
        Column(ref=1, key="Onbekend_77", title="Aantal inwoners", unit="aantal"),
        Column(ref=2, key="InBezitWoningcorporatie_49", title=None),
        Column(ref=3, key="k_65JaarOfOuder_12", title="65 jaar of ouder", unit="%"),
        Column(ref=4, key="Gemeentenaam_1", title="Gemeentenaam"),
    ]
    matched, code_columns = cbs.match_columns(columns)
    assert [c.ref for c in code_columns] == [0]
    assert matched["population"].ref == 1
    assert matched["social_rent_share"].ref == 2
    # The unit "%" makes it a share, not a count.
    assert matched["age_65_plus_share"].ref == 3
    assert "age_65_plus" not in matched


@pytest.mark.parametrize("marker", [".", "x", "X", "-", "–", "?", "", "  ", None, "null"])
def test_cbs_markers_are_unknown_not_zero(marker: str | None) -> None:
    assert parse_number(marker) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1234", "1234"), (" 12,5 ", "12.5"), ("1.234,5", "1234.5"), (7, "7"), (41.5, "41.5")],
)
def test_numbers_in_dutch_and_english_notation(raw: object, expected: str) -> None:
    assert parse_number(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["veel", "12a", "1e5", True])
def test_a_word_is_not_a_number(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


HEADER = '"Codering";"Aantal inwoners (aantal)";"0 tot 15 jaar (aantal)"\n'


def test_csv_with_padded_codes_and_a_note_below() -> None:
    text = (
        '"Kerncijfers wijken en buurten 2022"\n'
        + HEADER
        + '"BU99010101  ";"2000";"."\n"NL00";"17000000";"2800000"\n"Bron: CBS"\n'
    )
    parsed = parse(text.encode())
    assert parsed.year == 2022
    assert [row.code for row in parsed.rows] == ["BU99010101"]
    assert parsed.rows[0].values == {"population": Decimal(2000), "age_0_15": None}
    assert parsed.other_codes == ["NL00"]


def test_a_bad_value_names_the_row_area_and_column_in_dutch_and_english() -> None:
    text = HEADER + '"BU99010101";"2000";"veel"\n'
    with pytest.raises(CbsFileError) as caught:
        parse(text.encode(), year=2024)
    (problem,) = caught.value.problems
    assert problem.dutch() == (
        "Rij 2 (BU99010101), kolom “0 tot 15 jaar (aantal)”: “veel” is geen getal en geen "
        "teken van CBS voor een onbekende waarde."
    )
    assert problem.english() == (
        "Row 2 (BU99010101), column “0 tot 15 jaar (aantal)”: “veel” is not a number and not "
        "a CBS sign for an unknown value."
    )


def test_missing_required_column_is_reported() -> None:
    text = '"Codering";"0 tot 15 jaar (aantal)"\n"BU99010101";"300"\n'
    with pytest.raises(CbsFileError) as caught:
        parse(text.encode(), year=2024)
    assert [p.dutch() for p in caught.value.problems] == [
        "Het bestand heeft geen kolom “aantal inwoners” (of “AantalInwoners_…”)."
    ]


def test_percentages_and_counts_are_checked() -> None:
    text = (
        '"Codering";"Aantal inwoners";"In bezit woningcorporatie (%)"\n'
        '"BU99010101";"-5";"140"\n"BU99010102";"12,5";"40"\n'
    )
    with pytest.raises(CbsFileError) as caught:
        parse(text.encode(), year=2024)
    messages = [p.english() for p in caught.value.problems]
    assert messages == [
        "Row 2 (BU99010101), column “Aantal inwoners”: a number of people, households or "
        "homes cannot be negative.",
        "Row 2 (BU99010101), column “In bezit woningcorporatie (%)”: a percentage must be "
        "between 0 and 100.",
        "Row 3 (BU99010102), column “Aantal inwoners”: a number of people, households or "
        "homes must be a whole number.",
    ]


def test_a_file_without_a_year_needs_one() -> None:
    with pytest.raises(CbsFileError) as caught:
        parse((HEADER + '"BU99010101";"2000";"300"\n').encode())
    assert "geef het jaar op" in caught.value.problems[0].dutch()
    assert parse((HEADER + '"BU99010101";"2000";"300"\n').encode(), year=2024).year == 2024


def test_an_area_twice_is_an_error() -> None:
    text = HEADER + '"BU99010101";"2000";"300"\n"BU99010101  ";"2001";"301"\n'
    with pytest.raises(CbsFileError) as caught:
        parse(text.encode(), year=2024)
    assert "Row 3: area BU99010101 is in the file twice (also row 2)." in [
        p.english() for p in caught.value.problems
    ]


@pytest.mark.parametrize(
    "content",
    [b"", b"just some text\n", b'{"value": []}', b"{not json", b'"a";"b"\n"1";"2"\n'],
)
def test_not_a_cbs_file(content: bytes) -> None:
    with pytest.raises(CbsFileError):
        parse(content, year=2024)


def test_odata_uses_titles_from_data_properties_and_nulls() -> None:
    document = (
        b'{"DataProperties": {"value": ['
        b'{"Key": "WijkenEnBuurten", "Title": "Wijken en buurten"},'
        b'{"Key": "Bevolking_77", "Title": "Aantal inwoners", "Unit": "aantal"},'
        b'{"Key": "Sociaal_3", "Title": "In bezit woningcorporatie", "Unit": "%"}]},'
        b'"TypedDataSet": {"value": [{"WijkenEnBuurten": "BU99010101  ", "Bevolking_77": 2000,'
        b' "Sociaal_3": null}]}}'
    )
    parsed = parse(document, year=2024)
    assert parsed.source_format == "odata"
    assert parsed.rows[0].values == {"population": Decimal(2000), "social_rent_share": None}
    assert parsed.columns["population"] == "Bevolking_77 (Aantal inwoners)"

"""Benchmark of the social map: an HSDS import of 50,000 entries, then 200 mixed searches.

Runs on fresh throwaway databases that it fills itself, so it never touches real data. By
default it runs twice, one database after the other: on a temporary SQLite file, and on a
throwaway PostgreSQL server started by scripts/with_postgres.sh:

    .venv/bin/python benchmarks/directory_search.py                    # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/directory_search.py --services 2000    # quick, while developing
    .venv/bin/python benchmarks/directory_search.py --database sqlite  # one database only
    scripts/with_postgres.sh .venv/bin/python benchmarks/directory_search.py --use-env-db

Prints what it does and, as its last line, one JSON object with the import time in seconds
and the 50th and 95th percentile of the search times in milliseconds per database. See
benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WITH_POSTGRES = ROOT / "scripts" / "with_postgres.sh"
WARM_UP = 10  # searches run before the measured ones (not counted)
CHUNK = 900  # ids per query: below SQLite's 999 bound parameters
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
# The keys the final JSON line starts with (the targets: p95 on PostgreSQL and the import).
HEADLINE = ["services", "p50_ms_postgres", "p95_ms_postgres", "p95_ms_sqlite", "import_s_50k"]

# --- The fictional country -------------------------------------------------------------------

# 20 municipalities GM9901…GM9920 on a 5 × 4 grid over the Netherlands. Each is 4 districts
# (rows) of 5 neighbourhoods (columns), about 2.4 × 2.8 km each.
MUNICIPALITIES = [
    ("Lindewaard", "Utrecht"), ("Beekdijk", "Gelderland"), ("Zandhoven", "Noord-Brabant"),
    ("Molenrijk", "Zuid-Holland"), ("Eikenburg", "Overijssel"), ("Dijkhorst", "Zuid-Holland"),
    ("Rietveen", "Friesland"), ("Bergmeer", "Noord-Holland"), ("Oudewaarde", "Gelderland"),
    ("Kleidorp", "Groningen"), ("Wilgendaal", "Limburg"), ("Heidebeek", "Drenthe"),
    ("Nieuwlanden", "Flevoland"), ("Vlietstad", "Zuid-Holland"), ("Brugwijk", "Zeeland"),
    ("Esdonk", "Noord-Brabant"), ("Sluiskade", "Noord-Holland"), ("Grasmeer", "Friesland"),
    ("Hofwaard", "Utrecht"), ("Torenveld", "Overijssel"),
]  # fmt: skip
DISTRICTS = ["Noord", "Oost", "Zuid", "West"]
NEIGHBOURHOOD_NAMES = [
    "Centrum", "Bloemenbuurt", "Vogelwijk", "Schildersbuurt", "Oude Dorp",
    "Kerkbuurt", "Molenhoek", "Rivierenbuurt", "Componistenbuurt", "Zeeheldenbuurt",
    "Bomenbuurt", "Stationsbuurt", "Havenkwartier", "De Weide", "Tuinstad",
    "Het Veld", "Noorderpark", "Zuiderhout", "Oosterhof", "Westeinde",
]  # fmt: skip
COLUMNS, ROWS = 5, 4  # neighbourhoods per district, districts per municipality
CELL_LAT, CELL_LON = 0.025, 0.035  # one neighbourhood, in degrees (about 2.8 × 2.4 km)
STREETS = [
    "Kerkstraat", "Dorpsstraat", "Molenweg", "Lindelaan", "Beukenlaan", "Schoolstraat",
    "Stationsweg", "Julianastraat", "Wilhelminaplein", "Eikenlaan", "Marktplein", "Havenweg",
    "Tulpstraat", "Rozenlaan", "Merelstraat", "Vondellaan", "Rembrandtplein", "Parkweg",
    "Brink", "Nieuwstraat", "Ambachtsweg", "Sportlaan", "Prinses Irenestraat", "Veldweg",
]  # fmt: skip
POSTCODE_LETTERS = "ABCDEGHJKLMNPRTVWXZ"
DAYS = {"MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag", "FR": "vrijdag"}
DAYS_WEEKEND = {"SA": "zaterdag", "SU": "zondag"}
SLOTS = [("09:30", "12:00"), ("10:00", "12:30"), ("13:30", "16:00"), ("14:00", "17:00")]
SLOTS += [("19:00", "21:30"), ("19:30", "22:00"), ("09:00", "17:00")]
# Shared locations per neighbourhood: (name, kind of place).
SHARED_PLACES = [
    "Buurthuis {buurt}", "Wijkcentrum De Schakel", "Bibliotheek {buurt}", "Speeltuin {buurt}",
    "Ontmoetingskerk", "Sporthal {buurt}",
]  # fmt: skip
ORGANISATIONS = [
    "Stichting Welzijn {plaats}", "Bibliotheek {plaats}", "Buurtteam {plaats}",
    "Sportclub {plaats}", "Protestantse Gemeente {plaats}", "Moskee Al-Fath {plaats}",
    "Vrijwilligerscentrale {plaats}", "Voedselbank {plaats}", "GGZ {plaats}",
    "Huurdersvereniging {plaats}", "Buurtcoöperatie {plaats}", "Humanitas {plaats}",
    "Muziekschool {plaats}", "Natuurvereniging {plaats}", "Politie {plaats}",
]  # fmt: skip


@dataclass(frozen=True)
class Activity:
    """A sort of entry: its theme, the kinds of place (kind, subkind), for whom, names and
    sentences for the description."""

    theme: str
    kinds: tuple[tuple[str, str], ...]
    groups: tuple[str, ...]
    names: tuple[str, ...]
    lines: tuple[str, ...]
    scheduled: bool = True


ACTIVITIES = (
    Activity(
        "walking",
        (("association", "hobby_club"), ("initiative", ""), ("facility", "community_centre")),
        ("everyone", "older_people", "lonely"),
        ("Wandelgroep {buurt}", "Samen wandelen in {buurt}", "Wandelclub De Stappers",
         "Ommetje {buurt}", "Beweegwandeling voor 55-plussers", "Natuurwandeling {plaats}"),
        ("Elke {dag} wandelen we samen een uur door de buurt en het park.",
         "We lopen in een rustig tempo; niemand blijft achter.",
         "Na de wandeling drinken we samen koffie.",
         "Een wandeling is een fijne manier om buren te leren kennen."),
    ),
    Activity(
        "sports",
        (("association", "sports_club"), ("facility", "sports_hall")),
        ("everyone", "young_people", "older_people", "women"),
        ("Buurtsport {buurt}", "Stoelyoga", "Yoga in het park", "Fitness voor 55-plussers",
         "Walking football {plaats}", "Zwemmen voor vrouwen", "Sportmix {buurt}",
         "Bewegen op muziek"),
        ("Op {dag} sporten we samen onder leiding van een trainer.",
         "Je kunt eerst een keer gratis meedoen.",
         "Sportkleding is niet nodig, gewone kleren zijn prima.",
         "We bewegen op je eigen niveau en letten op elkaar."),
    ),
    Activity(
        "eating",
        (("initiative", "eating_cafe"), ("shop", "cafe"), ("faith", "church")),
        ("everyone", "lonely", "older_people"),
        ("Buurtmaaltijd {buurt}", "Samen eten in {buurt}", "Eettafel De Gezellige Hoek",
         "Kookclub {buurt}", "Pannenkoekenmiddag", "Buurtrestaurant {plaats}"),
        ("Op {dag} koken vrijwilligers een warme maaltijd voor de buurt.",
         "Samen eten is gezellig en je maakt makkelijk een praatje.",
         "Laat even weten of je komt, dan houden we een plekje vrij.",
         "Er is altijd een vegetarische keuze."),
    ),
    Activity(
        "coffee",
        (("facility", "community_centre"), ("faith", "mosque"), ("third_place", "bench")),
        ("everyone", "lonely", "newcomers"),
        ("Koffieochtend {buurt}", "Inloop met koffie en een praatje", "Buurtkamer {buurt}",
         "Het Koffiehuisje", "Open moskee: thee en ontmoeting", "Praatbankje {buurt}"),
        ("Loop binnen voor een kop koffie en een praatje met buren.",
         "De koffie staat op {dag} klaar.",
         "Nieuw in de buurt? Hier leer je snel mensen kennen.",
         "Er is ook thee en iets lekkers."),
    ),
    Activity(
        "music",
        (("association", "music_club"), ("facility", "school")),
        ("everyone", "children", "older_people"),
        ("Buurtkoor {buurt}", "Zangkoor Vrolijke Noten", "Muziekles voor kinderen",
         "Samen zingen", "Gitaarles in de buurt", "Popkoor {plaats}"),
        ("We zingen op {dag} liedjes uit alle tijden.",
         "Je hoeft geen noten te kunnen lezen.",
         "Instrumenten kun je lenen.",
         "Twee keer per jaar geven we een optreden in de buurt."),
    ),
    Activity(
        "crafts",
        (("association", "hobby_club"), ("facility", "library")),
        ("everyone", "women", "children"),
        ("Handwerkcafé {buurt}", "Breiclub", "Knutselmiddag voor kinderen", "Schildersclub",
         "Naaiatelier {buurt}", "Creatieve ochtend"),
        ("Op {dag} breien, haken en naaien we samen.",
         "Neem je eigen werkje mee of begin iets nieuws.",
         "Materiaal is aanwezig.",
         "Kinderen knutselen met papier, klei en verf."),
    ),
    Activity(
        "dutch_language",
        (("facility", "library"), ("initiative", "")),
        ("newcomers", "everyone"),
        ("Taalcafé {buurt}", "Taalmaatjes {plaats}", "Nederlands oefenen", "Voorleesochtend",
         "Taalhuis {plaats}", "Conversatiegroep Nederlands"),
        ("In het taalcafé oefen je Nederlands in een gesprek met vrijwilligers.",
         "Elke {dag} praten we over een ander onderwerp.",
         "Je Nederlands hoeft nog niet goed te zijn.",
         "Een taalmaatje helpt je een uur per week."),
    ),
    Activity(
        "computer",
        (("facility", "library"), ("initiative", "")),
        ("older_people", "everyone"),
        ("Computerhulp in de bibliotheek", "Digicafé {buurt}", "Hulp met je telefoon",
         "Klik en Tik cursus", "DigiD-spreekuur", "Computerles voor ouderen"),
        ("Vrijwilligers helpen je met je computer, tablet of telefoon.",
         "Op {dag} kun je langskomen met je vragen over DigiD, e-mail en internetbankieren.",
         "Neem je eigen apparaat mee.",
         "We gaan rustig stap voor stap."),
    ),
    Activity(
        "paperwork",
        (("professional", "social_work"), ("initiative", "")),
        ("everyone", "extra_support"),
        ("Formulierenbrigade {plaats}", "Hulp bij post en geldzaken", "Thuisadministratie",
         "Belastingspreekuur", "Schuldhulpmaatje {plaats}", "Geldcafé {buurt}"),
        ("We helpen je met brieven, formulieren en rekeningen.",
         "Op {dag} is er een spreekuur zonder afspraak.",
         "Alles wat je vertelt blijft tussen ons.",
         "Neem je post en je DigiD mee."),
    ),
    Activity(
        "repair",
        (("initiative", "repair_cafe"), ("professional", "housing")),
        ("everyone", "older_people"),
        ("Repair Café {buurt}", "Klusjesdienst {plaats}", "Fietsenmaker in de buurt",
         "Klushulp voor ouderen", "Naaimachinehulp"),
        ("Kapotte spullen repareren we samen met vrijwillige reparateurs.",
         "Op {dag} kun je je lamp, fiets of broek laten maken.",
         "Weggooien is zonde: samen maken we het weer heel.",
         "Kleine klusjes in huis doen we ook."),
    ),
    Activity(
        "food_aid",
        (("initiative", "cooperative"), ("faith", "church")),
        ("extra_support", "everyone"),
        ("Voedselbank {plaats}", "Uitdeelpunt {buurt}", "Sociale supermarkt",
         "Kledingbank {plaats}", "Buurtkast {buurt}"),
        ("Wie het krap heeft, kan hier op {dag} boodschappen halen.",
         "Je hebt een verwijzing nodig van het buurtteam.",
         "De buurtkast is altijd open: pak wat je nodig hebt, leg neer wat je over hebt.",
         "Vrijwilligers ontvangen je met een kop koffie."),
    ),
    Activity(
        "mental_wellbeing",
        (("peer_group", ""), ("professional", "neighbourhood_team")),
        ("extra_support", "lonely", "carers"),
        ("Lotgenotengroep rouw", "Praatgroep eenzaamheid", "Mindfulness in de buurt",
         "Mantelzorgcafé {plaats}", "Luisterend oor", "Buurtteam {buurt}"),
        ("In een kleine groep praten we over wat je bezighoudt.",
         "Je deelt wat je wilt delen; luisteren mag ook.",
         "Op {dag} is er een bijeenkomst met een ervaren begeleider.",
         "Mantelzorgers vinden hier steun bij elkaar."),
    ),
    Activity(
        "recovery",
        (("experience", "recovery_college"), ("experience", "self_help")),
        ("extra_support", "everyone"),
        ("Herstelacademie {plaats}", "Herstelwerkplaats", "Zelfregiecentrum {plaats}",
         "Herstelgroep {buurt}", "Spreekuur ervaringswerkers"),
        ("Ervaringsdeskundigen delen hun verhaal over herstel.",
         "Op {dag} volg je een cursus over je eigen kracht.",
         "Iedereen die wil werken aan herstel is welkom.",
         "Je hoeft geen diagnose te hebben."),
    ),
    Activity(
        "safety",
        (("professional", "police"), ("initiative", "")),
        ("everyone",),
        ("Wijkagent {buurt}", "Spreekuur wijkagent", "Buurtpreventie {buurt}",
         "Buurtwacht {plaats}"),
        ("De wijkagent is op {dag} in het buurthuis voor vragen en zorgen.",
         "Buurtbewoners lopen samen een ronde door de wijk.",
         "Samen houden we de buurt veilig en prettig.",
         "Bij spoed bel je altijd 112."),
    ),
    Activity(
        "housing_theme",
        (("professional", "housing"), ("initiative", "cooperative")),
        ("everyone", "older_people"),
        ("Woonconsulent spreekuur", "Huurdersvereniging {buurt}", "Energiecoach {plaats}",
         "Wooncafé {buurt}"),
        ("Vragen over je huis of je huur? Op {dag} is er een spreekuur.",
         "De energiecoach komt gratis bij je thuis langs.",
         "Samen besparen we op de energierekening.",
         "We denken mee over wonen als je ouder wordt."),
    ),
    Activity(
        "volunteering",
        (("initiative", ""), ("facility", "community_centre")),
        ("everyone", "young_people", "older_people"),
        ("Vrijwilligerspunt {plaats}", "Maatjesproject {plaats}", "Boodschappenhulp {buurt}",
         "Burenhulp {buurt}", "Klussen voor een ander"),
        ("Wil je iets doen voor een ander? Wij zoeken vrijwilligers.",
         "Op {dag} kun je langskomen voor een kennismaking.",
         "Een maatje gaat mee naar de markt of een afspraak.",
         "Burenhulp: even een boodschap doen of de hond uitlaten."),
    ),
    Activity(
        "nature",
        (("initiative", "garden"), ("third_place", "park"), ("third_place", "playground")),
        ("everyone", "children"),
        ("Buurttuin {buurt}", "Moestuin De Groene Vingers", "Natuurwerkgroep {plaats}",
         "Plantjesruil", "Tuinieren met buren", "Park {buurt}", "Speeltuin {buurt}"),
        ("In de buurttuin tuinieren we samen en oogsten we groente.",
         "Op {dag} werken we samen in de tuin.",
         "Kinderen spelen hier veilig in het groen.",
         "Een mooie plek om op een bankje te zitten."),
        scheduled=False,
    ),
)  # fmt: skip

GENERAL_LINES = [
    "Iedereen is welkom.",
    "Aanmelden is niet nodig, je kunt gewoon binnenlopen.",
    "De ruimte is rolstoeltoegankelijk.",
    "Neem gerust een buurvrouw of vriend mee.",
    "Vrijwilligers uit de buurt organiseren dit.",
    "Het is er rustig en prikkelarm.",
    "Je hoeft geen Nederlands te spreken, we helpen elkaar.",
    "Kosten mogen geen reden zijn om niet mee te doen.",
    "Kinderen zijn ook welkom.",
    "Er is een lift en een invalidentoilet.",
]
LANGUAGES = [("Nederlands", "nl"), ("Engels", "en"), ("Arabisch", "ar"), ("Turks", "tr")]
LANGUAGES += [("Pools", "pl"), ("Tigrinya", "ti")]

# The searches. Text as people type it: stems, a plural, a typo, two words, a place name.
TEXT_QUERIES = [
    "wandelen", "wandeling", "wandelgroep", "koffie", "taalcafé", "repair café", "samen eten",
    "eten", "koor", "zingen", "yoga", "computerhulp", "computer", "moestuin", "tuin",
    "voedselbank", "lotgenoten", "mantelzorg", "wijkagent", "breien", "sporten", "jongeren",
    "ouderen", "spreekuur", "buurthuis", "bibliotheek", "herstel", "energiecoach",
    "Lindewaard", "Bloemenbuurt", "fiets repareren", "hulp bij formulieren",
]  # fmt: skip
# Broad themes (they include their narrower terms) and narrow ones; target groups.
THEME_FILTERS = [
    "meeting", "movement", "creative", "learning", "practical", "health", "walking", "eating",
    "coffee", "computer", "food_aid", "nature", "safety", "volunteering",
]  # fmt: skip
GROUP_FILTERS = [
    "older_people", "children", "young_people", "newcomers", "carers", "lonely",
    "extra_support", "women",
]  # fmt: skip
TYPO_QUERIES = ["wandelgreop", "koffei", "computrhulp", "taalkafe", "moestuinn", "voedselbnk"]
# Moments for "open now": a weekday morning and evening, a Saturday, and a Thursday in the
# summer break (some entries are closed then).
OPEN_MOMENTS = [
    datetime.datetime(2025, 3, 11, 10, 30, tzinfo=AMSTERDAM),
    datetime.datetime(2025, 3, 12, 19, 45, tzinfo=AMSTERDAM),
    datetime.datetime(2025, 3, 15, 14, 0, tzinfo=AMSTERDAM),
    datetime.datetime(2025, 7, 24, 10, 30, tzinfo=AMSTERDAM),
]
SUMMER_BREAK = ("2025-07-14", "2025-08-24")


def say(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--services", type=int, default=50000, help="entries to import (default 50000)"
    )
    parser.add_argument("--queries", type=int, default=200, help="searches (default 200)")
    parser.add_argument("--seed", type=int, default=42, help="random seed for the data")
    parser.add_argument(
        "--database",
        choices=["both", "sqlite", "postgres"],
        default="both",
        help="both (default): SQLite, then PostgreSQL through scripts/with_postgres.sh",
    )
    parser.add_argument(
        "--per-file",
        action="store_true",
        help="import each municipality's file on its own (a transaction each), as before "
        "hsds_import_many",
    )
    parser.add_argument(
        "--use-env-db",
        action="store_true",
        help="use DATABASE_URL from the environment (an empty, throwaway database)",
    )
    args = parser.parse_args(argv)
    if args.services < len(MUNICIPALITIES):
        parser.error(f"--services must be at least {len(MUNICIPALITIES)}")
    if args.queries < 1:
        parser.error("--queries must be at least 1")
    return args


def choose_database(use_env_db: bool) -> Path | None:
    """Point Django at a throwaway database. Returns the temporary SQLite file, if any."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    os.environ.setdefault("OMZIEN_DEMO", "true")
    if use_env_db:
        if not os.environ.get("DATABASE_URL"):
            sys.exit("--use-env-db needs DATABASE_URL in the environment")
        return None
    fd, name = tempfile.mkstemp(prefix="omzien-bench-", suffix=".sqlite3", dir="/tmp")
    os.close(fd)
    sqlite_file = Path(name)
    os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    return sqlite_file


def remove_sqlite(sqlite_file: Path | None) -> None:
    if sqlite_file is None:
        return
    from django.db import connections

    try:
        connections.close_all()
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


# --- Areas -----------------------------------------------------------------------------------


@dataclass
class Cell:
    """One neighbourhood of the generated country and where it lies."""

    code: str
    name: str
    municipality: str
    province: str
    south: float
    west: float
    postcode: str  # four digits, one per neighbourhood
    pk: int | None = None

    @property
    def centre(self) -> tuple[float, float]:
        return self.south + CELL_LAT / 2, self.west + CELL_LON / 2

    @property
    def boundary(self) -> dict[str, Any]:
        """The cell as a GeoJSON polygon (longitude, latitude), as CBS boundaries come."""
        south, west = round(self.south, 6), round(self.west, 6)
        north, east = round(self.south + CELL_LAT, 6), round(self.west + CELL_LON, 6)
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        return {"type": "Polygon", "coordinates": [ring]}


def country() -> list[Cell]:
    cells = []
    for m, (city, province) in enumerate(MUNICIPALITIES):
        south = 51.45 + (m // 5) * 0.35
        west = 4.40 + (m % 5) * 0.42
        for d in range(ROWS):
            for n in range(COLUMNS):
                cells.append(
                    Cell(
                        code=f"BU99{m + 1:02d}{d + 1:02d}{n + 1:02d}",
                        name=NEIGHBOURHOOD_NAMES[d * COLUMNS + n],
                        municipality=city,
                        province=province,
                        south=south + d * CELL_LAT,
                        west=west + n * CELL_LON,
                        postcode=f"{1000 + m * 400 + d * 100 + n * 10}",
                    )
                )
    return cells


def create_areas(cells: list[Cell]) -> None:
    """Municipalities GM99xx, districts WK99xxdd, neighbourhoods BU99xxddnn, and the
    four-digit postcode areas the distance search looks centres up in."""
    from decimal import Decimal

    from django.db import transaction

    from omzien.directory.models import PostcodeArea
    from omzien.neighbourhoods.models import District, Municipality, Neighbourhood

    def deg(value: float) -> Decimal:
        return Decimal(f"{value:.6f}")

    with transaction.atomic():
        municipalities: dict[str, Any] = {}
        districts: dict[str, Any] = {}
        for cell in cells:
            m_code = "GM" + cell.code[2:6]
            d_code = "WK" + cell.code[2:8]
            if m_code not in municipalities:
                municipality = Municipality(code=m_code, name=cell.municipality)
                municipality.full_clean()
                municipality.save()
                municipalities[m_code] = municipality
            if d_code not in districts:
                district = District(
                    code=d_code,
                    name=f"{cell.municipality} {DISTRICTS[int(d_code[6:]) - 1]}",
                    municipality=municipalities[m_code],
                )
                district.full_clean()
                district.save()
                districts[d_code] = district
            lat, lon = cell.centre
            neighbourhood = Neighbourhood(
                code=cell.code,
                name=cell.name,
                district=districts[d_code],
                latitude=deg(lat),
                longitude=deg(lon),
                geometry=cell.boundary,
            )
            neighbourhood.full_clean()
            neighbourhood.save()
            cell.pk = neighbourhood.pk
        PostcodeArea.objects.bulk_create(
            [
                PostcodeArea(
                    postcode=cell.postcode,
                    latitude=cell.centre[0],
                    longitude=cell.centre[1],
                    name=f"{cell.name}, {cell.municipality}",
                )
                for cell in cells
            ]
        )


# --- HSDS records ----------------------------------------------------------------------------


@dataclass
class Generated:
    """The HSDS files, and where each location and entry lies (HSDS has no field for the
    neighbourhood: the import works it out from the points, and the run checks it)."""

    files: list[tuple[str, Path]] = field(default_factory=list)  # (municipality code, file)
    services: int = 0
    location_cell: dict[str, str] = field(default_factory=dict)  # location id → BU code
    service_cell: dict[str, str] = field(default_factory=dict)  # service id → BU code
    records: Counter[str] = field(default_factory=Counter)


class Writer:
    """Builds HSDS 3.0 service records (as ``omzien hsds-export`` writes them, nested)."""

    def __init__(self, rng: random.Random) -> None:
        from omzien.directory import taxonomy
        from omzien.directory.hsds import kind_attribute_id, schedule_attribute_id
        from omzien.directory.models import stable_uuid

        self.rng = rng
        self.taxonomy = taxonomy
        self.stable_uuid = stable_uuid
        self.kind_attribute_id = kind_attribute_id
        self.schedule_attribute_id = schedule_attribute_id
        self.closed_term = str(stable_uuid("term", taxonomy.SCHEDULE, "closed"))
        self.organisations: dict[tuple[str, str], dict[str, Any]] = {}
        self.shared: dict[tuple[str, str], dict[str, Any]] = {}

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def term(self, slug: str, code: str) -> str:
        return str(self.stable_uuid("term", slug, code))

    def attribute(self, slug: str, code: str) -> dict[str, Any]:
        return {
            "id": self.uuid(),
            "taxonomy_term_id": self.term(slug, code),
            "link_type": "classification",
            "link_entity": "service",
        }

    def organisation(self, template: str, city: str) -> dict[str, Any]:
        name = template.format(plaats=city)
        key = (name, city)
        if key not in self.organisations:
            slug = name.lower().replace(" ", "-").replace("ö", "o").replace(":", "")
            self.organisations[key] = {
                "id": self.uuid(),
                "name": name,
                "description": f"{name} zet zich in voor de inwoners van {city}.",
                "email": f"info@{slug}.example.org",
                "website": f"https://{slug}.example.org",
            }
        return self.organisations[key]

    def address(self, cell: Cell) -> dict[str, Any]:
        letters = self.rng.choice(POSTCODE_LETTERS) + self.rng.choice(POSTCODE_LETTERS)
        return {
            "id": self.uuid(),
            "address_1": f"{self.rng.choice(STREETS)} {self.rng.randint(1, 180)}",
            "city": cell.municipality,
            "state_province": cell.province,
            "postal_code": f"{cell.postcode} {letters}",
            "country": "NL",
            "address_type": "physical",
        }

    def point(self, cell: Cell) -> tuple[float, float]:
        lat = cell.south + self.rng.uniform(0.05, 0.95) * CELL_LAT
        lon = cell.west + self.rng.uniform(0.05, 0.95) * CELL_LON
        return round(lat, 6), round(lon, 6)

    def location(self, cell: Cell, name: str, generated: Generated) -> dict[str, Any]:
        lat, lon = self.point(cell)
        record = {
            "id": self.uuid(),
            "location_type": "physical",
            "name": name,
            "latitude": lat,
            "longitude": lon,
            "addresses": [self.address(cell)],
        }
        generated.location_cell[record["id"]] = cell.code
        return record

    def shared_location(self, cell: Cell, generated: Generated) -> dict[str, Any]:
        """A place several entries share (the community centre of the neighbourhood)."""
        template = self.rng.choice(SHARED_PLACES)
        key = (cell.code, template)
        if key not in self.shared:
            name = template.format(buurt=cell.name)
            self.shared[key] = self.location(cell, name, generated)
            self.shared[key]["description"] = f"{name} in {cell.name}, {cell.municipality}."
        return self.shared[key]

    def schedules(self, kind: str) -> list[dict[str, Any]]:
        rng = self.rng
        if kind == "professional":
            days, (opens, closes) = ["MO", "TU", "WE", "TH", "FR"], ("09:00", "17:00")
            if rng.random() < 0.5:
                days, (opens, closes) = [rng.choice(list(DAYS))], ("13:00", "15:00")
            rules = [("WEEKLY", ",".join(days), opens, closes)]
        elif rng.random() < 0.06:
            rules = [("MONTHLY", rng.choice(["1SA", "2WE", "-1FR", "3TU"]), "14:00", "16:30")]
        else:
            pool = list(DAYS) + (list(DAYS_WEEKEND) if rng.random() < 0.3 else [])
            rules = []
            for _ in range(rng.choice([1, 1, 1, 2])):
                days = sorted(rng.sample(pool, rng.choice([1, 1, 2, 3])), key=pool.index)
                opens, closes = rng.choice(SLOTS)
                rules.append(("WEEKLY", ",".join(days), opens, closes))
        records = []
        for freq, byday, opens, closes in rules:
            day_names = ", ".join({**DAYS, **DAYS_WEEKEND}.get(d[-2:], d) for d in byday.split(","))
            records.append(
                {
                    "id": self.uuid(),
                    "freq": freq,
                    "byday": byday,
                    "opens_at": f"{opens}:00",
                    "closes_at": f"{closes}:00",
                    "description": f"{day_names} van {opens} tot {closes}",
                }
            )
        if rng.random() < 0.04:
            closed_id = self.uuid()
            records.append(
                {
                    "id": closed_id,
                    "valid_from": SUMMER_BREAK[0],
                    "valid_to": SUMMER_BREAK[1],
                    "description": "Zomerstop",
                    "attributes": [
                        {
                            "id": str(self.schedule_attribute_id(uuid.UUID(closed_id))),
                            "taxonomy_term_id": self.closed_term,
                        }
                    ],
                }
            )
        return records

    def service(self, cell: Cell, generated: Generated) -> dict[str, Any]:
        rng, tax = self.rng, self.taxonomy
        activity = rng.choice(ACTIVITIES)
        kind, subkind = rng.choice(activity.kinds)
        name = rng.choice(activity.names).format(buurt=cell.name, plaats=cell.municipality)
        day = rng.choice(list(DAYS.values()))
        lines = rng.sample(activity.lines, rng.randint(2, 3)) + rng.sample(GENERAL_LINES, 2)
        description = " ".join(lines).format(dag=day)
        service_id = self.uuid()
        generated.service_cell[service_id] = cell.code

        # Classification: the kind (omzien's synthetic attribute), themes, target groups,
        # inclusion tags, as omzien's own export writes them.
        attributes = [
            {
                "id": str(self.kind_attribute_id(uuid.UUID(service_id))),
                "taxonomy_term_id": self.term(tax.KIND, kind),
                "link_type": "classification",
                "link_entity": "service",
            }
        ]
        if subkind:
            attributes.append(self.attribute(tax.KIND, subkind))
        attributes.append(self.attribute(tax.THEME, activity.theme))
        if rng.random() < 0.3:
            other = rng.choice([a.theme for a in ACTIVITIES if a.theme != activity.theme])
            attributes.append(self.attribute(tax.THEME, other))
        for group in rng.sample(activity.groups, min(len(activity.groups), rng.randint(1, 2))):
            attributes.append(self.attribute(tax.TARGET_GROUP, group))
        free = rng.random() < 0.45
        inclusion = [
            code
            for code, chance in (
                (tax.WHEELCHAIR, 0.5),
                (tax.LOW_STIMULUS, 0.15),
                (tax.WALK_IN, 0.4),
                (tax.NO_DUTCH_NEEDED, 0.15),
                (tax.BRING_SOMEONE, 0.25),
            )
            if rng.random() < chance
        ]
        if free and rng.random() < 0.5:
            inclusion.append(tax.FREE)
        attributes += [self.attribute(tax.INCLUSION, code) for code in inclusion]

        if kind == "third_place" or rng.random() < 0.4:
            location = self.shared_location(cell, generated)
        else:
            location = self.location(cell, "" if rng.random() < 0.5 else name, generated)
        status = "active"
        roll = rng.random()
        if roll < 0.03:
            status = "inactive"
        elif roll < 0.07:
            status = "temporarily closed"
        organisation = self.organisation(rng.choice(ORGANISATIONS), cell.municipality)
        amount = 0 if free else rng.choice([1, 2, 2.5, 3.5, 5, 7.5, 10, 25])
        record: dict[str, Any] = {
            "id": service_id,
            "name": name,
            "description": description,
            "status": status,
            "email": organisation["email"],
            "url": organisation["website"],
            "application_process": rng.choice(
                ["Je kunt gewoon binnenlopen.", "Aanmelden via de website of per telefoon."]
            ),
            "fees_description": "Gratis" if free else f"€ {amount:.2f} per keer".replace(".", ","),
            "eligibility_description": "Iedereen is welkom.",
            "assured_date": (
                datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randint(0, 540))
            ).isoformat(),
            "assurer_email": "sociale-kaart@example.org",
            "organization": organisation,
            "service_at_locations": [{"id": self.uuid(), "location": location}],
            "cost_options": [
                {"id": self.uuid(), "option": "per keer", "currency": "EUR", "amount": amount}
            ],
            "attributes": attributes,
        }
        if status == "temporarily closed":
            record["alert"] = "Tijdelijk gesloten wegens verbouwing."
        if rng.random() < 0.3:
            record["alternate_name"] = f"{name} ({cell.municipality})"
        if activity.scheduled and kind != "third_place":
            record["schedules"] = self.schedules(kind)
        if rng.random() < 0.6:
            phone_id = self.uuid()  # first: keeps the random sequence (the data of a seed) stable
            number = f"0{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            record["phones"] = [{"id": phone_id, "number": number}]
        if tax.NO_DUTCH_NEEDED in inclusion or rng.random() < 0.1:
            record["languages"] = [
                {"id": self.uuid(), "name": language, "code": code}
                for language, code in rng.sample(LANGUAGES, 2)
            ]
        if rng.random() < 0.1:
            record["contacts"] = [
                {"id": self.uuid(), "name": "Contactpersoon", "title": "Coördinator"}
            ]
        return record


def generate(total: int, cells: list[Cell], rng: random.Random, directory: Path) -> Generated:
    """One services.json per municipality, the entries spread evenly over them and
    unevenly over their neighbourhoods (busy centres, quiet edges)."""
    writer = Writer(rng)
    generated = Generated()
    by_municipality: dict[str, list[Cell]] = defaultdict(list)
    for cell in cells:
        by_municipality["GM" + cell.code[2:6]].append(cell)
    weights = [rng.uniform(0.3, 2.0) for _ in range(COLUMNS * ROWS)]
    codes = sorted(by_municipality)
    for i, code in enumerate(codes):
        count = total // len(codes) + (1 if i < total % len(codes) else 0)
        own = by_municipality[code]
        records = [writer.service(cell, generated) for cell in rng.choices(own, weights, k=count)]
        path = directory / code / "services.json"
        path.parent.mkdir()
        path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        generated.files.append((code, path))
        generated.services += len(records)
    generated.records["organisations"] = len(writer.organisations)
    generated.records["locations"] = len(generated.location_cell)
    generated.records["shared locations"] = len(writer.shared)
    return generated


def misplaced(generated: Generated, cells: list[Cell]) -> int:
    """Locations and entries the import did not put in the neighbourhood they were
    generated in (it works that out from their points: HSDS has no field for it)."""
    from omzien.directory.models import Location, Service

    pk_of = {cell.code: cell.pk for cell in cells}
    wrong = 0
    tables: list[tuple[Any, dict[str, str]]] = [
        (Location, generated.location_cell),
        (Service, generated.service_cell),
    ]
    for model, cell_of in tables:
        placed = {str(pk): n for pk, n in model.objects.values_list("id", "neighbourhood_id")}
        wrong += sum(
            1 for record_id, code in cell_of.items() if placed.get(record_id) != pk_of[code]
        )
    return wrong


# --- Searches --------------------------------------------------------------------------------


@dataclass
class Search:
    category: str
    label: str
    params: Any
    page: int


def searches(count: int, cells: list[Cell], rng: random.Random) -> list[Search]:
    """`count` searches, the categories taking turns, the details drawn from `rng`."""
    from omzien.directory import taxonomy
    from omzien.directory.models import stable_uuid
    from omzien.directory.selectors import SearchParams
    from omzien.neighbourhoods.models import Neighbourhood

    themes = {code: stable_uuid("term", taxonomy.THEME, code) for code in THEME_FILTERS}
    groups = {code: stable_uuid("term", taxonomy.TARGET_GROUP, code) for code in GROUP_FILTERS}
    inclusion = [taxonomy.WHEELCHAIR, taxonomy.LOW_STIMULUS, taxonomy.WALK_IN]
    inclusion += [taxonomy.NO_DUTCH_NEEDED, taxonomy.BRING_SOMEONE, taxonomy.FREE]
    neighbourhoods = Neighbourhood.objects.select_related("district").in_bulk(
        [cell.pk for cell in cells]
    )

    def page() -> int:
        return rng.choices([1, 2, 3], weights=[6, 3, 2])[0]

    def cell() -> Cell:
        return rng.choice(cells)

    def text() -> tuple[str, Any]:
        q = rng.choice(TEXT_QUERIES)
        return f"q={q!r}", SearchParams(q=q)

    def typo() -> tuple[str, Any]:
        q = rng.choice(TYPO_QUERIES)
        return f"q={q!r} (typo)", SearchParams(q=q)

    def theme() -> tuple[str, Any]:
        code = rng.choice(list(themes))
        return f"theme={code}", SearchParams(themes=[themes[code]])

    def group() -> tuple[str, Any]:
        code = rng.choice(list(groups))
        params = SearchParams(target_groups=[groups[code]])
        if rng.random() < 0.5:
            other = rng.choice(list(themes))
            params.themes = [themes[other]]
            return f"target_group={code} theme={other}", params
        return f"target_group={code}", params

    def tags() -> tuple[str, Any]:
        codes = rng.sample(inclusion, rng.choice([1, 1, 2]))
        return f"inclusion={','.join(codes)}", SearchParams(inclusion=codes)

    def open_now() -> tuple[str, Any]:
        now = rng.choice(OPEN_MOMENTS)
        params = SearchParams(open_now=True, now=now)
        label = f"open now ({now:%a %H:%M})"
        if rng.random() < 0.5:
            params.q = rng.choice(TEXT_QUERIES)
            label += f" q={params.q!r}"
        return label, params

    def free() -> tuple[str, Any]:
        params = SearchParams(free=True)
        if rng.random() < 0.5:
            code = rng.choice(list(themes))
            params.themes = [themes[code]]
            return f"free theme={code}", params
        return "free", params

    def neighbourhood() -> tuple[str, Any]:
        where = cell()
        params = SearchParams(neighbourhood=neighbourhoods[where.pk])
        label = f"neighbourhood={where.code}"
        if rng.random() < 0.4:
            params.q = rng.choice(TEXT_QUERIES[:20])
            label += f" q={params.q!r}"
        return label, params

    def near() -> tuple[str, Any]:
        where = cell()
        postcode = f"{where.postcode} {rng.choice(POSTCODE_LETTERS)}{rng.choice('ABC')}"
        radius = rng.choice([1.0, 2.0, 2.0, 5.0])
        params = SearchParams(postcode=postcode, radius_km=radius, order="distance")
        label = f"postcode={postcode!r} radius={radius:g} km, nearest first"
        if rng.random() < 0.3:
            params.q = rng.choice(TEXT_QUERIES[:20])
            label += f" q={params.q!r}"
        return label, params

    def combined() -> tuple[str, Any]:
        q = rng.choice(TEXT_QUERIES[:20])
        code = rng.choice(list(themes))
        params = SearchParams(
            q=q,
            themes=[themes[code]],
            inclusion=[rng.choice(inclusion)],
            open_now=rng.random() < 0.5,
            free=rng.random() < 0.3,
            now=OPEN_MOMENTS[0],
        )
        flags = " open now" if params.open_now else ""
        flags += " free" if params.free else ""
        return f"q={q!r} theme={code} inclusion={params.inclusion[0]}{flags}", params

    kinds = [text, text, typo, theme, group, tags, open_now, free, neighbourhood, near, combined]
    result = []
    for i in range(count):
        make = kinds[i % len(kinds)]
        label, params = make()
        result.append(Search(make.__name__, label, params, page()))
    return result


# --- Running ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.use_env_db or args.database == "sqlite":
        sqlite_file = choose_database(args.use_env_db)
        try:
            import django

            django.setup()
            return run(args)
        finally:
            remove_sqlite(sqlite_file)
    return run_workers(args)


def run_workers(args: argparse.Namespace) -> int:
    """Run the benchmark once per database, each in its own process (one after the other,
    so they do not compete for the CPU), and print the results as one JSON object."""
    started = time.perf_counter()
    script = str(Path(__file__).resolve())
    common = ["--services", str(args.services), "--queries", str(args.queries)]
    common += ["--seed", str(args.seed)]
    if args.per_file:
        common.append("--per-file")
    workers = []
    if args.database in ("both", "sqlite"):
        workers.append(("sqlite", [sys.executable, script, "--database", "sqlite", *common]))
    if args.database in ("both", "postgres"):
        command = [str(WITH_POSTGRES), sys.executable, script, "--use-env-db", *common]
        workers.append(("postgres", command))
    results: dict[str, Any] = {}
    errors = []
    for name, command in workers:
        say(f">>> {name}: {' '.join(command[1:] if name == 'sqlite' else command)}")
        last = ""
        # The commands are this script and scripts/with_postgres.sh, by absolute path.
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT) as worker:  # noqa: S603
            assert worker.stdout is not None
            for line in worker.stdout:
                line = line.rstrip("\n")
                if line:
                    say(f"[{name}] {line}")
                    last = line
        try:
            found = json.loads(last)
        except json.JSONDecodeError:
            found = None
        if worker.returncode != 0 or not isinstance(found, dict):
            errors.append(f"{name} exited with status {worker.returncode}")
            continue
        found.pop("db", None)
        if "services" in results and results["services"] != found["services"]:
            errors.append(f"{name} imported {found['services']} entries, not {results['services']}")
            found["services"] = min(found["services"], results["services"])
        results.update(found)
    results["runtime_s"] = round(time.perf_counter() - started, 1)
    first = [key for key in HEADLINE if key in results]
    results = {key: results[key] for key in [*first, *(k for k in results if k not in first)]}
    if errors:
        results["errors"] = errors
    say(json.dumps(results))
    return 1 if errors else 0


def render_page(user: Any, search: Search, page_size: int) -> tuple[int, int, str]:
    """What the search view does for one results page, without the form and the template:
    search, count, one page of entries, their terms, distances and verification flags."""
    from omzien.directory import selectors

    with selectors.search_session():
        outcome = selectors.search_services(user, search.params)
        page = selectors.SearchPaginator(outcome, page_size).get_page(search.page)
        items = list(page.object_list)
        terms = selectors.terms_by_service(items)
    rows = [
        {
            "service": s,
            "terms": terms.get(s.id, []),
            "distance": selectors.distance_km(s),
            "needs_verification": selectors.needs_verification(s),
        }
        for s in items
    ]
    return page.paginator.count, len(rows), outcome.query_used


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.directory.hsds import (
        HsdsImportError,
        ImportResult,
        ImportSource,
        hsds_import_many,
    )
    from omzien.directory.models import Service, ServiceStatus
    from omzien.directory.selectors import SearchParams
    from omzien.directory.views import PAGE_SIZE

    rng = random.Random(args.seed)
    db = "postgres" if connection.vendor == "postgresql" else connection.vendor
    say(
        f"omzien social-map benchmark: {args.services} entries in {len(MUNICIPALITIES)} "
        f"municipalities, {args.queries} searches, on {connection.vendor}"
    )
    if connection.introspection.table_names():
        say("error: the database is not empty; give a fresh, throwaway database")
        return 2
    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_s = time.perf_counter() - start
    say(f"migrate: {migrate_s:.1f} s")

    cells = country()
    create_areas(cells)
    say(
        f"areas: {len(MUNICIPALITIES)} municipalities, {len(MUNICIPALITIES) * ROWS} districts, "
        f"{len(cells)} neighbourhoods, {len(cells)} postcode areas"
    )

    with tempfile.TemporaryDirectory(prefix="omzien-hsds-") as directory:
        start = time.perf_counter()
        generated = generate(args.services, cells, rng, Path(directory))
        generate_s = time.perf_counter() - start
        size = sum(path.stat().st_size for _code, path in generated.files)
        say(
            f"1. HSDS files: {len(generated.files)} × services.json, {generated.services} "
            f"entries, {', '.join(f'{n} {k}' for k, n in generated.records.items())}, "
            f"{size / 1e6:.0f} MB ({generate_s:.1f} s)"
        )

        # One import of every municipality's file (one transaction, as
        # `omzien hsds-import` with several paths does it).
        sources = [ImportSource(path, code) for code, path in generated.files]
        start = time.perf_counter()
        try:
            if args.per_file:
                for source in sources:
                    hsds_import_many([source], draft=False)
                result = ImportResult()
            else:
                result = hsds_import_many(sources, draft=False)
        except HsdsImportError as exc:
            say("error: the import was refused:")
            for problem in exc.problems[:20]:
                say(f"  - {problem}")
            return 1
        import_s = time.perf_counter() - start
        if result.warnings:
            say(f"   {len(result.warnings)} warnings, first: {result.warnings[0]}")
    services = Service.objects.count()
    say(
        f"   {'hsds_import per file' if args.per_file else 'hsds_import_many'} of "
        f"{len(sources)} files: {import_s:.1f} s; "
        f"{services} entries in the database ({services / import_s:.0f} per second)"
    )
    if services != generated.services:
        say(f"error: {generated.services} entries generated but {services} imported")

    wrong = misplaced(generated, cells)
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load, as in a database in use: fresh
        # statistics, the visibility map set, the search index's pending list merged.
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")
    findable = Service.objects.findable().count()
    say(
        f"   neighbourhoods set by the import: {wrong} of {len(generated.location_cell)} "
        f"locations and {len(generated.service_cell)} entries not where they lie; "
        f"{findable} entries findable (published, not stopped)"
    )
    if wrong:
        say("error: the import did not put every location and entry in its neighbourhood")
        return 1
    if findable == 0 or not Service.objects.filter(status=ServiceStatus.ACTIVE).exists():
        say("error: nothing to search")
        return 1

    # 2. The searches, as an anonymous visitor.
    user = AnonymousUser()
    plan = searches(args.queries, cells, rng)
    for search in plan[:WARM_UP]:
        render_page(user, search, PAGE_SIZE)
    timings: list[tuple[float, Search, int, int, str]] = []
    for search in plan:
        start = time.perf_counter()
        total, shown, used = render_page(user, search, PAGE_SIZE)
        timings.append(((time.perf_counter() - start) * 1000, search, total, shown, used))

    all_ms = [t[0] for t in timings]
    say(
        f"2. {len(plan)} searches, each: search_services + count + page (of {PAGE_SIZE}) + "
        f"terms of the page"
    )
    say(f"   {'category':<14} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'hits p50':>9}")
    by_category: dict[str, list[tuple[float, Search, int, int, str]]] = defaultdict(list)
    for timing in timings:
        by_category[timing[1].category].append(timing)
    for category, rows in by_category.items():
        ms = [r[0] for r in rows]
        say(
            f"   {category:<14} {len(rows):>3} {percentile(ms, 0.5):>8.1f} "
            f"{percentile(ms, 0.95):>8.1f} {max(ms):>8.1f} "
            f"{statistics.median(r[2] for r in rows):>9.0f}"
        )
    say("   slowest:")
    for ms, search, total, _shown, used in sorted(timings, key=lambda t: -t[0])[:5]:
        corrected = f" → {used!r}" if used and used not in search.label else ""
        say(f"   {ms:8.1f} ms  {search.label}{corrected}, page {search.page}: {total} hits")
    # Stemming and typo tolerance do what the search promises (not timed).
    for q in ("wandelen", "wandeling", "wandelgroep", "wandelgreop"):
        check = Search("check", f"q={q!r}", SearchParams(q=q), 1)
        total, _shown, used = render_page(user, check, PAGE_SIZE)
        say(f"   check: q={q!r} searched as {used!r}: {total} hits")
    slowest = max(timings, key=lambda t: t[0])[1]
    with CaptureQueriesContext(connection) as captured:
        render_page(user, slowest, PAGE_SIZE)
    say(f"   the slowest search ran {len(captured)} SQL queries:")
    for query in captured.captured_queries:
        sql = query["sql"]
        shown = sql[:300] + ("…" if len(sql) > 300 else "")
        say(f"    - ({float(query['time']) * 1000:.0f} ms) {shown}")

    import_key = "import_s_50k" if db == "postgres" else f"import_s_50k_{db}"
    results: dict[str, Any] = {
        "services": services,
        "db": db,
        f"p50_ms_{db}": round(percentile(all_ms, 0.5), 1),
        f"p95_ms_{db}": round(percentile(all_ms, 0.95), 1),
        f"max_ms_{db}": round(max(all_ms), 1),
        import_key: round(import_s, 1),
        "queries": len(plan),
        f"migrate_s_{db}": round(migrate_s, 1),
        f"generate_s_{db}": round(generate_s, 1),
    }
    say(json.dumps(results))
    return 0 if services == generated.services else 1


if __name__ == "__main__":
    sys.exit(main())

"""Deterministic demo data: a fictional municipality, its residents and one account per role.

`build_demo()` creates the municipality *Omzienstad* (GM9901; CBS does not use the 99xx
range), two districts, four neighbourhoods, about 300 residents with talents, interests,
wishes and consents, and one demo account per role. Every name, street and address is
made up; nothing in here describes health, a diagnosis or a care label.

Running it again creates nothing twice:

* areas are looked up by CBS code, demo accounts by e-mail address;
* the bulk residents are created once: when the demo neighbourhoods already hold residents
  without their own login, generation is skipped (so people erased or edited in the demo are
  not brought back);
* consents of the demo accounts are only granted when the same consent is not in force yet;
* each two-factor account keeps exactly one confirmed authenticator with the documented key.

How the bulk residents are created: most are entered straight into the model, as if they
signed up on paper at a neighbourhood event (consent to register "written" or "spoken",
`registered_by` empty). A share of the residents of district Centrum-Oost is registered by
the demo professional through `person_register`, which also records their consent that the
professional may contact them. All further consents go through `consent_grant`, recorded by
staff for the person's neighbourhood (the demo professional in Centrum-Oost, the demo
coordinator in Westerpark-Noord), so they appear in the audit log.
"""

from __future__ import annotations

import base64
import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.accounts.models import Role
from omzien.accounts.services import role_assign, totp_device_create, user_create
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood
from omzien.people.models import (
    Consent,
    ConsentCategory,
    ConsentMethod,
    ConsentPurpose,
    Language,
    Person,
    Term,
)
from omzien.people.services import (
    consent_grant,
    person_register,
    person_signup,
    person_update_profile,
)

SEED = 20261122
PASSWORD = "omzien-demo-2026"  # noqa: S105 - a documented demo password, never in production
URL = "http://127.0.0.1:8000/"
RESIDENT_COUNT = 300

MUNICIPALITY_CODE = "GM9901"

# (code, name, latitude, longitude)
MUNICIPALITY = ("GM9901", "Omzienstad", "52.080000", "5.120000")
DISTRICTS = [
    ("WK990101", "Centrum-Oost", "52.085000", "5.130000"),
    ("WK990102", "Westerpark-Noord", "52.075000", "5.105000"),
]
# (code, name, latitude, longitude, description, number of residents)
NEIGHBOURHOODS = [
    (
        "BU99010101",
        "Lindehof",
        "52.087000",
        "5.126000",
        "Een rustige buurt met een groot plein, een buurthuis en veel lindebomen.",
        90,
    ),
    (
        "BU99010102",
        "Kersenbuurt",
        "52.083000",
        "5.134000",
        "Een buurt met oude arbeidershuizen, een moestuin en een wekelijkse markt.",
        70,
    ),
    (
        "BU99010201",
        "Molenveld",
        "52.077000",
        "5.101000",
        "Een groene buurt rond een oude molen, met een speeltuin en een kinderboerderij.",
        80,
    ),
    (
        "BU99010202",
        "Havenkwartier",
        "52.073000",
        "5.109000",
        "Een nieuwe buurt aan het water, met flats, een bibliotheek en een sportveld.",
        60,
    ),
]

DEMO_NEIGHBOURHOOD = "BU99010101"
DEMO_DISTRICT = "WK990101"


@dataclass(frozen=True)
class DemoAccountSpec:
    role: str
    display_name: str
    area_code: str
    totp_key: str | None = None  # hex, 20 bytes (django-otp's TOTPDevice.key)

    @property
    def email(self) -> str:
        return f"demo-{self.role}@omzien.invalid"


def _hex(ascii_key: bytes) -> str:
    assert len(ascii_key) == 20  # noqa: S101 - a programming error, caught by the tests
    return ascii_key.hex()


#: Fixed keys so that the demo can be used with any authenticator app. The base32 form
#: (what an app asks for) is printed by `load_demo`. These accounts exist only in the demo.
ACCOUNTS = [
    DemoAccountSpec(Role.RESIDENT, "Noor Achterberg", DEMO_NEIGHBOURHOOD),
    DemoAccountSpec(Role.VOLUNTEER, "Sem Okafor", DEMO_NEIGHBOURHOOD),
    DemoAccountSpec(
        Role.PROFESSIONAL,
        "Yara Lindeman",
        DEMO_DISTRICT,
        # "omzien-demo-prof-key" = 6f6d7a69656e2d64656d6f2d70726f662d6b6579
        _hex(b"omzien-demo-prof-key"),
    ),
    DemoAccountSpec(
        Role.COORDINATOR,
        "Ruben Hoogland",
        MUNICIPALITY_CODE,
        _hex(b"omzien-demo-coord-ky"),
    ),
    DemoAccountSpec(Role.ANALYST, "Lotte Brandsma", MUNICIPALITY_CODE),
    DemoAccountSpec(
        Role.ADMIN,
        "Beheerder Omzienstad",
        MUNICIPALITY_CODE,
        _hex(b"omzien-demo-admin-ky"),
    ),
]


def base32_secret(hex_key: str) -> str:
    """The secret as an authenticator app wants it (RFC 4648 base32, no padding)."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    display_name: str
    area: str
    totp_secret: str | None  # base32, for authenticator apps; None without two-factor login


@dataclass
class DemoResult:
    accounts: list[DemoAccount] = field(default_factory=list)
    municipality: str = MUNICIPALITY_CODE
    residents: int = 0
    residents_created: int = 0
    accounts_created: int = 0
    consents_created: int = 0
    url: str = URL


# --- Names: fictional combinations of common first and last names --------------------------
# Groups pair names with languages people in the group often speak besides Dutch (repeats
# weigh the draw); a fifth of the residents get a last name from another group.
# fmt: off
NAME_GROUPS: list[tuple[list[str], list[str], list[str], int]] = [
    (
        ["Anna", "Bram", "Daan", "Emma", "Fleur", "Gert", "Hanneke", "Jeroen", "Joke", "Kees",
         "Lieke", "Marleen", "Niels", "Rik", "Sanne", "Thijs", "Femke", "Ineke", "Joost",
         "Mirjam", "Ruud", "Tineke", "Evert", "Gerda", "Henk", "Jannes", "Lotte", "Wouter",
         "Roos", "Bas", "Ilse", "Harm", "Meike", "Teun", "Willemijn", "Gijs"],
        ["de Boer", "Jansen", "Visser", "van Dijk", "Meijer", "de Graaf", "Mulder", "Bos",
         "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
         "Verhoeven", "Postma", "van der Linden", "Koster", "Prins", "Huisman", "Kuipers",
         "Willemsen", "Scholten", "Veenstra", "van Beek", "Timmerman", "Hofman", "de Lange",
         "Bakker", "Wolters", "ter Horst", "van Wijk"],
        ["en", "en", "de", "fr", "ngt"],
        40,
    ),
    (
        ["Fatima", "Mohamed", "Youssef", "Khadija", "Samira", "Karim", "Nadia", "Hamza",
         "Imane", "Bilal", "Soufiane", "Naima", "Zakaria", "Houda", "Rachid", "Loubna"],
        ["El Amrani", "Bouzid", "Azzouzi", "El Idrissi", "Benali", "Haddou", "Ouali",
         "Tahiri", "Chaouch", "El Khatib", "Moussaoui", "Ait Taleb"],
        ["ar", "ber", "fr"],
        12,
    ),
    (
        ["Ayşe", "Mehmet", "Elif", "Emre", "Zeynep", "Hatice", "Murat", "Selin", "Burak",
         "Emine", "Kemal", "Derya"],
        ["Yılmaz", "Demir", "Kaya", "Çelik", "Şahin", "Aydın", "Öztürk", "Arslan", "Doğan",
         "Koç", "Kurt"],
        ["tr", "tr", "de"],
        10,
    ),
    (
        ["Shanti", "Rajesh", "Kavita", "Marciano", "Chantal", "Glenn", "Anjali", "Sunil",
         "Rosita", "Ricardo", "Sharon", "Priya"],
        ["Ramdin", "Mahabier", "Kartosen", "Pinas", "Ravenberg", "Naarendorp", "Jagesar",
         "Soekhai", "Tjong", "Biharie"],
        ["srn", "en"],
        8,
    ),
    (
        ["Jurgen", "Shurandy", "Giselle", "Ruthmila", "Edsel", "Jeanette", "Gilbert",
         "Xiomara"],
        ["Martina", "Isenia", "Rosalia", "Croes", "Pieternella", "Statia", "Doran"],
        ["pap", "es", "en"],
        5,
    ),
    (
        ["Agnieszka", "Piotr", "Katarzyna", "Tomasz", "Magda", "Krzysztof", "Ewa", "Marek"],
        ["Nowak", "Wójcik", "Kaczmarek", "Mazur", "Krawczyk", "Zając"],
        ["pl", "pl", "en", "de"],
        6,
    ),
    (
        ["Olena", "Oksana", "Andrii", "Dmytro", "Iryna", "Mykola", "Kateryna", "Yurii"],
        ["Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Boiko", "Kravets", "Savchenko"],
        ["uk", "uk", "ru", "en"],
        6,
    ),
    (
        ["Semhar", "Yonas", "Mebrat", "Tesfay", "Helen", "Filmon", "Senait", "Dawit"],
        ["Tesfamariam", "Haile", "Berhane", "Kidane", "Woldu", "Gebremedhin"],
        ["ti", "ti", "ar", "en"],
        4,
    ),
    (
        ["Hodan", "Abdi", "Faadumo", "Mahad", "Sahra", "Ilhan", "Guled", "Nimco"],
        ["Warsame", "Abdullahi", "Osman", "Jama", "Yusuf", "Hirsi"],
        ["so", "so", "en", "ar"],
        3,
    ),
    (
        ["Farid", "Mariam", "Nasrin", "Reza", "Parisa", "Ahmad", "Shirin", "Navid"],
        ["Rahimi", "Karimi", "Ahmadi", "Hosseini", "Sadeghi", "Nazari"],
        ["fa", "fa", "en"],
        3,
    ),
    (
        ["Rania", "Omar", "Lina", "Khaled", "Yasmin", "Tarek", "Dima", "Samer"],
        ["Al-Hassan", "Haddad", "Khalil", "Mansour", "Darwish", "Sabbagh"],
        ["ar", "ar", "en", "fr"],
        4,
    ),
    (
        ["Lucía", "Mateo", "Carmen", "Diego", "Valentina", "Andrés"],
        ["García", "Morales", "Rojas", "Fernández", "Herrera"],
        ["es", "es", "en"],
        2,
    ),
    (
        ["Wei", "Mei", "Lina", "Jun", "Xiaoling", "Hao"],
        ["Chen", "Wang", "Lin", "Zhang", "Liu"],
        ["zh", "zh", "en"],
        2,
    ),
]
# fmt: on

# Fictional street names per neighbourhood, and a postcode area (4 digits).
STREETS = {
    "BU99010101": (["Lindeplein", "Bladstraat", "Knotwilgweg", "Lindelaan", "Bijenhof"], "3591"),
    "BU99010102": (["Kersenstraat", "Bloesemhof", "Pitstraat", "Boomgaardlaan"], "3592"),
    "BU99010201": (["Molenwiek", "Maalderspad", "Korenveld", "Zeilstraat", "Ezelspad"], "3593"),
    "BU99010202": (["Kadeplein", "Sloepstraat", "Ankerhof", "Steigerweg"], "3594"),
}

# --- Words: simple Dutch (B1), nothing about health or care -------------------------------
# fmt: off
TALENT_SLUGS = [
    "cooking-baking", "cooking-for-others", "cooking-world", "gardening-vegetables",
    "gardening-plants", "odd-jobs-repair", "odd-jobs-bikes", "odd-jobs-painting",
    "computer-help-phone", "computer-help-digid", "company-coffee", "company-visit",
    "company-listening", "walking-dog", "music-singing", "music-instrument", "photography",
    "dutch-practice-talk", "paperwork-letters", "paperwork-money", "shopping-for-someone",
    "transport-driving", "transport-accompany", "animals-care", "crafts-knitting",
    "crafts-sewing", "crafts-drawing", "crafts-woodwork", "games-chess", "children-homework",
    "children-play", "hosting-coffee", "hosting-welcome", "hosting-table",
    "languages-translate", "writing-stories", "nature-cleanup",
]
INTEREST_SLUGS = [
    "cooking", "cooking-world", "gardening", "gardening-community", "walking",
    "walking-group", "music", "music-listening", "music-singing", "photography",
    "animals", "animals-petting-farm", "crafts", "crafts-drawing", "sports",
    "sports-football", "sports-swimming", "sports-cycling", "sports-yoga", "games",
    "games-cards", "games-board", "games-chess", "reading-books", "nature", "nature-birds",
    "culture", "culture-museum", "culture-film", "culture-theatre", "faith", "children",
]
WISH_SLUGS = [
    "company-coffee", "company-visit", "walking-group", "dutch-practice-talk",
    "dutch-practice-reading", "paperwork-letters", "paperwork-money", "computer-help-phone",
    "computer-help-digid", "shopping-together", "transport-accompany", "work-volunteer",
    "work-paid", "gardening-community", "music-singing", "games-board", "odd-jobs-repair",
    "sports-swimming", "hosting-welcome",
]
# fmt: on

#: Sentences in someone's own words, per talent.
TALENT_SENTENCES = {
    "cooking-baking": "Ik bak graag appeltaart voor de buren.",
    "cooking-for-others": "Ik kook graag voor een grote groep.",
    "cooking-world": "Ik kook graag gerechten uit andere landen.",
    "gardening-vegetables": "Ik kweek tomaten en bonen op mijn balkon.",
    "gardening-plants": "Ik weet veel van planten en stekjes.",
    "odd-jobs-repair": "Ik maak kapotte lampen en stoelen weer heel.",
    "odd-jobs-bikes": "Ik plak een band in tien minuten.",
    "odd-jobs-painting": "Ik kan netjes een muur verven.",
    "computer-help-phone": "Ik leg graag uit hoe een telefoon werkt.",
    "computer-help-digid": "Ik help mensen met formulieren op de computer.",
    "company-coffee": "Ik zet graag koffie en maak een praatje.",
    "company-visit": "Ik ga graag bij iemand op bezoek.",
    "company-listening": "Ik kan goed luisteren.",
    "walking-dog": "Ik laat graag de hond van de buren uit.",
    "music-singing": "Ik zing in een koor.",
    "music-instrument": "Ik speel gitaar.",
    "photography": "Ik maak mooie foto's van de buurt.",
    "dutch-practice-talk": "Ik praat graag Nederlands met nieuwe buren.",
    "paperwork-letters": "Ik help met het lezen van brieven.",
    "paperwork-money": "Ik houd graag dingen netjes bij.",
    "shopping-for-someone": "Ik neem graag boodschappen mee voor iemand.",
    "transport-driving": "Ik heb een auto en rijd graag iemand ergens heen.",
    "transport-accompany": "Ik ga graag mee naar een afspraak.",
    "animals-care": "Ik pas graag op katten en konijnen.",
    "crafts-knitting": "Ik brei sjaals en mutsen.",
    "crafts-sewing": "Ik kan kleding korter maken.",
    "crafts-drawing": "Ik teken graag, vooral dieren.",
    "crafts-woodwork": "Ik maak vogelhuisjes van hout.",
    "games-chess": "Ik leer mensen graag schaken.",
    "children-homework": "Ik help kinderen met rekenen.",
    "children-play": "Ik doe graag spelletjes met kinderen.",
    "hosting-coffee": "Ik schenk graag koffie en thee in het buurthuis.",
    "hosting-welcome": "Ik heet nieuwe mensen graag welkom.",
    "hosting-table": "Ik dek graag de tafel voor de buurtmaaltijd.",
    "languages-translate": "Ik kan vertalen voor buren.",
    "writing-stories": "Ik schrijf korte verhalen over de buurt.",
    "nature-cleanup": "Ik ruim graag zwerfafval op in het park.",
}

WISH_SENTENCES = {
    "company-coffee": "Ik wil graag vaker samen koffie drinken.",
    "company-visit": "Het is fijn als er af en toe iemand langskomt.",
    "walking-group": "Ik zoek mensen om samen mee te wandelen.",
    "dutch-practice-talk": "Ik wil beter Nederlands leren spreken.",
    "dutch-practice-reading": "Ik wil graag samen een boek lezen.",
    "paperwork-letters": "Ik zoek iemand die mij helpt met brieven.",
    "paperwork-money": "Ik wil graag hulp met mijn geldzaken.",
    "computer-help-phone": "Ik wil leren videobellen met mijn familie.",
    "computer-help-digid": "Ik wil leren hoe DigiD werkt.",
    "shopping-together": "Ik doe graag samen boodschappen.",
    "transport-accompany": "Ik vind het fijn als iemand meegaat naar een afspraak.",
    "work-volunteer": "Ik zoek vrijwilligerswerk in de buurt.",
    "work-paid": "Ik zoek een baan voor een paar dagen per week.",
    "gardening-community": "Ik wil graag meedoen in de buurttuin.",
    "music-singing": "Ik wil graag bij een koor.",
    "games-board": "Ik zoek mensen om spelletjes mee te spelen.",
    "odd-jobs-repair": "Ik zoek iemand die mijn fiets kan maken.",
    "sports-swimming": "Ik wil graag samen gaan zwemmen.",
    "hosting-welcome": "Ik wil graag nieuwe mensen leren kennen.",
}

ABOUT_OPENINGS = [
    "Ik woon al {years} jaar in {buurt}.",
    "Ik woon sinds kort in {buurt}.",
    "Ik woon met mijn kinderen in {buurt}.",
    "Ik woon alleen in {buurt}.",
    "Ik woon samen met mijn partner in {buurt}.",
    "Ik ben in {buurt} geboren.",
]
ABOUT_LIKES = [
    "Ik houd van {interest}.",
    "In mijn vrije tijd doe ik graag iets met {interest}.",
    "{Interest} vind ik leuk.",
]
ABOUT_CLOSINGS = [
    "Ik maak graag een praatje op straat.",
    "Ik wil graag meer mensen in de buurt kennen.",
    "Kom gerust een keer langs in het buurthuis.",
    "Ik help graag als het kan.",
    "Ik ben vaak op de markt te vinden.",
    "",
]


def _say(stdout: Any, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _past(date: datetime.date) -> datetime.date:
    """Fixed demo dates, never after today (the model refuses dates in the future)."""
    return min(date, timezone.localdate())


BASE_DATE = datetime.date(2025, 3, 3)


# --- Areas --------------------------------------------------------------------------------
def _get_or_create_area(model: type[Any], code: str, **fields: Any) -> Any:
    area = model.objects.filter(code=code).first()
    if area is None:
        area = model(code=code, **fields)
        area.full_clean()
        area.save()
    return area


def _square(lat: str, lon: str, half: float = 0.003) -> dict[str, Any]:
    y, x = float(lat), float(lon)
    ring = [
        [round(x - half, 6), round(y - half, 6)],
        [round(x + half, 6), round(y - half, 6)],
        [round(x + half, 6), round(y + half, 6)],
        [round(x - half, 6), round(y + half, 6)],
        [round(x - half, 6), round(y - half, 6)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _build_areas() -> tuple[Municipality, dict[str, District], dict[str, Neighbourhood]]:
    code, name, lat, lon = MUNICIPALITY
    municipality = _get_or_create_area(
        Municipality, code, name=name, latitude=Decimal(lat), longitude=Decimal(lon)
    )
    districts: dict[str, District] = {}
    for code, name, lat, lon in DISTRICTS:
        districts[code] = _get_or_create_area(
            District,
            code,
            name=name,
            municipality=municipality,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
        )
    neighbourhoods: dict[str, Neighbourhood] = {}
    for code, name, lat, lon, description, _count in NEIGHBOURHOODS:
        district = districts["WK" + code[2:8]]
        neighbourhoods[code] = _get_or_create_area(
            Neighbourhood,
            code,
            name=name,
            district=district,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            description=description,
            geometry=_square(lat, lon),
        )
    # One set of objects with their parents cached: permission checks walk up the tree.
    for neighbourhood in neighbourhoods.values():
        neighbourhood.district = districts[neighbourhood.district.code]
        neighbourhood.district.municipality = municipality
    return municipality, districts, neighbourhoods


# --- Accounts -----------------------------------------------------------------------------
def _ensure_account(
    spec: DemoAccountSpec,
    areas: dict[str, Any],
) -> tuple[Any, bool]:
    """The demo account for `spec`, created when missing; its password, role and
    authenticator are reset to the documented ones."""
    user_model = get_user_model()
    user = user_model.objects.filter(email__iexact=spec.email).first()
    created = user is None
    area = areas[spec.area_code]
    if user is None:
        if spec.role == Role.RESIDENT:
            first, _space, last = spec.display_name.partition(" ")
            person = person_signup(
                email=spec.email,
                password=PASSWORD,
                first_name=first,
                last_name=last,
                neighbourhood=area,
            )
            assert person.user is not None  # noqa: S101 - person_signup always sets it
            user = person.user
        else:
            user = user_create(
                email=spec.email,
                password=PASSWORD,
                display_name=spec.display_name,
                is_staff=spec.role == Role.ADMIN,
            )
    else:
        changed = []
        if not user.check_password(PASSWORD):
            user.set_password(PASSWORD)
            changed.append("password")
        if not user.is_active:
            user.is_active = True
            changed.append("is_active")
        if changed:
            user.save(update_fields=changed)
    if spec.role == Role.ADMIN and not (user.is_staff and user.is_superuser):
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    role_assign(user=user, role=spec.role, area=area)
    if spec.totp_key:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        device = devices.filter(key=spec.totp_key).order_by("pk").first()
        if device is None:
            # The documented secret must work: replace whatever was set up in the demo.
            devices.delete()
            totp_device_create(user=user, key=spec.totp_key, confirmed=True)
        else:
            devices.exclude(pk=device.pk).delete()
            if device.throttling_failure_count:
                device.throttle_reset()
    return user, created


def _terms(slugs: list[str], by_slug: dict[str, Term]) -> list[Term]:
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def _grant_once(
    *,
    actor: Any,
    person: Person,
    category: str,
    purpose: str,
    grantee_user: Any = None,
    grantee_role: str = "",
    method: str = ConsentMethod.SELF_ONLINE,
    given_on: datetime.date | None = None,
) -> bool:
    """Grant a consent unless the same one is already in force. True when granted."""
    existing = Consent.objects.in_force().filter(
        person=person,
        category=category,
        purpose=purpose,
        grantee_user=grantee_user,
        grantee_role=grantee_role,
    )
    if existing.exists():
        return False
    consent_grant(
        actor=actor,
        person=person,
        category=category,
        purpose=purpose,
        grantee_user=grantee_user,
        grantee_role=grantee_role,
        method=method,
        given_on=given_on,
        valid_from=given_on,
    )
    return True


# --- Residents ----------------------------------------------------------------------------
@dataclass
class _ResidentSpec:
    first_name: str
    last_name: str
    neighbourhood: str
    street_address: str
    postcode: str
    email: str
    about_me: str
    talents: list[str]
    interests: list[str]
    wishes: list[str]
    talents_text: str
    wishes_text: str
    languages: list[str]
    registered_on: datetime.date
    registration_method: str
    registered_by_professional: bool
    contact_to_professionals: bool
    notes_to_professional: bool
    contact_to_volunteer: bool
    attendance_to_volunteers: bool
    consent_given_on: datetime.date


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _email_local(first: str, last: str) -> str:
    plain = "".join(
        ch
        for ch in f"{first}.{last}".lower().replace(" ", "").replace("-", "")
        if ch.isascii() and (ch.isalnum() or ch == ".")
    )
    return plain.strip(".") or "bewoner"


def _resident_specs(term_labels: dict[str, str]) -> list[_ResidentSpec]:
    """All bulk residents, generated from one fixed seed (the same on every run)."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    weights = [group[3] for group in NAME_GROUPS]
    talent_pool = [slug for slug in TALENT_SLUGS if slug in term_labels]
    interest_pool = [slug for slug in INTEREST_SLUGS if slug in term_labels]
    wish_pool = [slug for slug in WISH_SLUGS if slug in term_labels]
    specs: list[_ResidentSpec] = []
    used_emails: set[str] = set()
    house_numbers: set[tuple[str, int]] = set()
    for code, name, _lat, _lon, _description, count in NEIGHBOURHOODS:
        streets, postcode_area = STREETS[code]
        in_centrum_oost = code.startswith("BU990101")
        for _index in range(count):
            group = rng.choices(NAME_GROUPS, weights=weights)[0]
            first = rng.choice(group[0])
            surname_group = group if rng.random() < 0.8 else rng.choices(NAME_GROUPS, weights)[0]
            last = "" if rng.random() < 0.12 else rng.choice(surname_group[1])
            home_languages = group[2]
            languages = ["nl"] if rng.random() < 0.9 else []
            languages += rng.sample(home_languages, k=rng.randint(0 if languages else 1, 2))
            languages = list(dict.fromkeys(languages))

            talents = rng.sample(talent_pool, k=rng.randint(1, 4))
            interests = rng.sample(interest_pool, k=rng.randint(1, 4))
            wishes = rng.sample(wish_pool, k=rng.randint(0, 3))

            interest_label = _lower_first(term_labels[interests[0]])
            about = [
                rng.choice(ABOUT_OPENINGS).format(years=rng.randint(2, 40), buurt=name),
                rng.choice(ABOUT_LIKES).format(
                    interest=interest_label, Interest=term_labels[interests[0]]
                ),
                rng.choice(ABOUT_CLOSINGS),
            ]
            with_sentences = [slug for slug in talents if slug in TALENT_SENTENCES]
            talents_text = ""
            if with_sentences and rng.random() < 0.65:
                picked = with_sentences[: rng.randint(1, 2)]
                talents_text = " ".join(TALENT_SENTENCES[slug] for slug in picked)
            wishes_text = ""
            if wishes and wishes[0] in WISH_SENTENCES and rng.random() < 0.5:
                wishes_text = WISH_SENTENCES[wishes[0]]

            street = rng.choice(streets)
            number = rng.randint(1, 160)
            while (street, number) in house_numbers:
                number += 1
            house_numbers.add((street, number))
            letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))

            email = ""
            if rng.random() < 0.5:
                local = _email_local(first, last)
                candidate, suffix = local, 1
                while candidate in used_emails:
                    suffix += 1
                    candidate = f"{local}{suffix}"
                used_emails.add(candidate)
                email = f"{candidate}@voorbeeld.invalid"

            registered_on = BASE_DATE + datetime.timedelta(days=rng.randint(0, 240))
            specs.append(
                _ResidentSpec(
                    first_name=first,
                    last_name=last,
                    neighbourhood=code,
                    street_address=f"{street} {number}",
                    postcode=f"{postcode_area}{letters}",
                    email=email,
                    about_me=" ".join(part for part in about if part),
                    talents=talents,
                    interests=interests,
                    wishes=wishes,
                    talents_text=talents_text,
                    wishes_text=wishes_text,
                    languages=languages,
                    registered_on=registered_on,
                    registration_method=rng.choice(
                        [ConsentMethod.WRITTEN, ConsentMethod.WRITTEN, ConsentMethod.SPOKEN]
                    ),
                    registered_by_professional=in_centrum_oost and rng.random() < 0.15,
                    contact_to_professionals=rng.random() < 0.4,
                    notes_to_professional=in_centrum_oost and rng.random() < 0.2,
                    contact_to_volunteer=code == DEMO_NEIGHBOURHOOD and rng.random() < 0.2,
                    attendance_to_volunteers=rng.random() < 0.15,
                    consent_given_on=registered_on + datetime.timedelta(days=rng.randint(0, 60)),
                )
            )
    return specs


def _create_residents(
    *,
    neighbourhoods: dict[str, Neighbourhood],
    terms: dict[str, Term],
    languages: dict[str, Language],
    professional: Any,
    coordinator: Any,
    volunteer: Any,
) -> tuple[int, int]:
    """Create the bulk residents and their consents. Returns (people, consents) created."""
    labels = {slug: term.label_nl for slug, term in terms.items()}
    specs = _resident_specs(labels)
    people: list[Person] = []
    consents = 0
    for spec in specs:
        neighbourhood = neighbourhoods[spec.neighbourhood]
        if spec.registered_by_professional:
            person = person_register(
                actor=professional,
                neighbourhood=neighbourhood,
                first_name=spec.first_name,
                last_name=spec.last_name,
                consent_on=_past(spec.registered_on),
                consent_method=spec.registration_method,
                email=spec.email,
                street_address=spec.street_address,
                postcode=spec.postcode,
                about_me=spec.about_me,
            )
            person.talents_text = spec.talents_text
            person.wishes_text = spec.wishes_text
            person.save(update_fields=["talents_text", "wishes_text", "updated_at"])
            consents += 1  # person_register records consent to contact them
        else:
            # Signed up on paper at a neighbourhood event; entered with their consent.
            person = Person(
                neighbourhood=neighbourhood,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=spec.email,
                street_address=spec.street_address,
                postcode=spec.postcode,
                about_me=spec.about_me,
                talents_text=spec.talents_text,
                wishes_text=spec.wishes_text,
                registration_consent_on=_past(spec.registered_on),
                registration_consent_method=spec.registration_method,
            )
            person.full_clean()
            person.save()
        person.neighbourhood = neighbourhood  # keep the cached district for permission checks
        people.append(person)

    through_rows: dict[Any, list[Any]] = {}
    for relation, attr, lookup in (
        (Person.talents.through, "talents", terms),
        (Person.interests.through, "interests", terms),
        (Person.wishes.through, "wishes", terms),
    ):
        through_rows[relation] = [
            relation(person_id=person.pk, term_id=lookup[slug].pk)
            for person, spec in zip(people, specs, strict=True)
            for slug in getattr(spec, attr)
        ]
    through_rows[Person.languages.through] = [
        Person.languages.through(person_id=person.pk, language_id=code)
        for person, spec in zip(people, specs, strict=True)
        for code in spec.languages
        if code in languages
    ]
    for relation, rows in through_rows.items():
        relation.objects.bulk_create(rows, batch_size=500)

    for person, spec in zip(people, specs, strict=True):
        in_centrum_oost = spec.neighbourhood.startswith("BU990101")
        # Staff for the person's neighbourhood write down what the person said or signed.
        recorder = professional if in_centrum_oost else coordinator
        method = ConsentMethod.SPOKEN if spec.consent_given_on.day % 3 else ConsentMethod.WRITTEN
        given_on = _past(spec.consent_given_on)
        wanted: list[dict[str, Any]] = []
        if spec.contact_to_professionals:
            wanted.append(
                {
                    "category": ConsentCategory.CONTACT,
                    "purpose": ConsentPurpose.SUPPORT,
                    "grantee_role": Role.PROFESSIONAL,
                }
            )
        if spec.notes_to_professional:
            wanted.append(
                {
                    "category": ConsentCategory.NOTES,
                    "purpose": ConsentPurpose.SUPPORT,
                    "grantee_user": professional,
                }
            )
        if spec.contact_to_volunteer:
            wanted.append(
                {
                    "category": ConsentCategory.CONTACT,
                    "purpose": ConsentPurpose.ACTIVITIES,
                    "grantee_user": volunteer,
                }
            )
        if spec.attendance_to_volunteers:
            wanted.append(
                {
                    "category": ConsentCategory.ATTENDANCE,
                    "purpose": ConsentPurpose.ACTIVITIES,
                    "grantee_role": Role.VOLUNTEER,
                }
            )
        for kwargs in wanted:
            consent_grant(
                actor=recorder,
                person=person,
                method=method,
                given_on=given_on,
                valid_from=given_on,
                **kwargs,
            )
            consents += 1
    return len(people), consents


def _demo_resident_profile(
    person: Person, user: Any, terms: dict[str, Term], languages: dict[str, Language]
) -> None:
    person_update_profile(
        actor=user,
        person=person,
        about_me=(
            "Ik woon al tien jaar in Lindehof. Ik houd van tuinieren en van spelletjes. "
            "Ik wil graag meer buren leren kennen."
        ),
        talents_text="Ik kweek groente op mijn balkon. Ik bak graag taart voor anderen.",
        wishes_text="Ik zoek mensen om samen mee te wandelen.",
        talents=_terms(["gardening-vegetables", "cooking-baking", "games-board"], terms),
        interests=_terms(["gardening-community", "games-cards", "walking"], terms),
        wishes=_terms(["walking-group", "company-coffee"], terms),
        languages=[languages[code] for code in ("nl", "en") if code in languages],
    )


# --- Entry point --------------------------------------------------------------------------
@transaction.atomic
def build_demo(*, stdout: Any = None) -> DemoResult:
    """Create (or complete) the demo municipality, its residents and the demo accounts."""
    result = DemoResult()
    municipality, districts, neighbourhoods = _build_areas()
    areas: dict[str, Any] = {municipality.code: municipality, **districts, **neighbourhoods}
    _say(stdout, f"Gemeente {municipality.name} ({municipality.code}): 2 wijken, 4 buurten.")

    terms = {term.slug: term for term in Term.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}

    users: dict[str, Any] = {}
    for spec in ACCOUNTS:
        user, account_created = _ensure_account(spec, areas)
        users[spec.role] = user
        result.accounts_created += int(account_created)
        result.accounts.append(
            DemoAccount(
                email=spec.email,
                password=PASSWORD,
                role=spec.role,
                display_name=spec.display_name,
                area=str(areas[spec.area_code]),
                totp_secret=base32_secret(spec.totp_key) if spec.totp_key else None,
            )
        )
    professional = users[Role.PROFESSIONAL]
    volunteer = users[Role.VOLUNTEER]
    resident = users[Role.RESIDENT]

    # The demo resident's own profile and the consents they gave themself online.
    person = Person.objects.filter(user=resident).first()
    if person is None:  # the account exists, its profile was removed
        spec = next(spec for spec in ACCOUNTS if spec.role == Role.RESIDENT)
        first, _space, last = spec.display_name.partition(" ")
        person = Person(
            user=resident,
            first_name=first,
            last_name=last,
            neighbourhood=neighbourhoods[DEMO_NEIGHBOURHOOD],
            email=resident.email,
        )
        person.full_clean()
        person.save()
    if person.erased_at is None:
        if not person.about_me:
            _demo_resident_profile(person, resident, terms, languages)
        for category, purpose, grantee in (
            (ConsentCategory.CONTACT, ConsentPurpose.SUPPORT, professional),
            (ConsentCategory.NOTES, ConsentPurpose.SUPPORT, professional),
            (ConsentCategory.CONTACT, ConsentPurpose.ACTIVITIES, volunteer),
        ):
            result.consents_created += int(
                _grant_once(
                    actor=resident,
                    person=person,
                    category=category,
                    purpose=purpose,
                    grantee_user=grantee,
                )
            )

    demo_people = Person.objects.filter(neighbourhood__district__municipality=municipality)
    if demo_people.filter(user__isnull=True).exists():
        _say(stdout, "Bewoners bestaan al; niets dubbel aangemaakt.")
    else:
        created, consents = _create_residents(
            neighbourhoods=neighbourhoods,
            terms=terms,
            languages=languages,
            professional=professional,
            coordinator=users[Role.COORDINATOR],
            volunteer=volunteer,
        )
        result.residents_created = created
        result.consents_created += consents
        # Three in four residents let their talents count (without name) on the asset map.
        ids = demo_people.filter(user__isnull=True).order_by("pk").values_list("pk", flat=True)
        demo_people.filter(pk__in=[pk for n, pk in enumerate(ids) if n % 4]).update(
            share_gifts=True
        )
        _say(stdout, f"{created} bewoners en {consents} toestemmingen aangemaakt.")
    result.residents = demo_people.active().count()
    return result

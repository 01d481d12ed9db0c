"""Demo data for the social map: about 150 fictional places and activities in Omzienstad.

`build_directory_demo()` fills the social map of the demo municipality that
``omzien.people.demo.build_demo`` creates (run that first). Every organisation, name,
street, phone number (010-0000xxx, 06-00000xxx) and e-mail address (example.org) is made
up. The neighbourhoods differ on purpose, so that search and the asset map's "what is
missing" list have something to show:

* Lindehof has much: several low-stimulus (prikkelarm) meeting places, three peer-support
  groups and the recovery college (herstelacademie);
* Kersenbuurt has no low-stimulus meeting place and no peer-support group (a draft for a
  quiet café is waiting);
* Molenveld has nothing where Dutch is not needed, and no place run by experts by
  experience;
* Havenkwartier has the self-help centre (zelfregiecentrum) and the library.

Running it again creates nothing twice: every record has a stable UUID
(``stable_uuid("demo", …)``). An entry that already exists is left exactly as it is, with
its classification, hours, costs and contacts, so edits made in the demo are kept.
Suggestions are looked up by who sent them and what they are about.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from omzien.accounts.models import Role
from omzien.directory import taxonomy
from omzien.directory.models import (
    Address,
    Attribute,
    ChangeRecord,
    Contact,
    CostOption,
    Kind,
    LinkEntity,
    Location,
    LocationType,
    Organization,
    Phone,
    PostcodeArea,
    Publication,
    Schedule,
    ScheduleKind,
    Service,
    ServiceAtLocation,
    ServiceLanguage,
    ServiceStatus,
    Suggestion,
    SuggestionKind,
    TaxonomyTerm,
    stable_uuid,
)
from omzien.directory.services import refresh_services, suggestion_submit
from omzien.neighbourhoods.models import Municipality, Neighbourhood
from omzien.people.demo import ACCOUNTS, MUNICIPALITY_CODE, NEIGHBOURHOODS, STREETS

SEED = 20261123
CITY = "Omzienstad"
WEEKDAYS = "MO,TU,WE,TH,FR"
# How far (in degrees) a place may lie from its neighbourhood's centre: up to about 280 m
# north-south and 170 m east-west, well inside the neighbourhood's square.
JITTER = 0.0025
# Letters of Dutch postcodes (PostNL leaves out F, I, O, Q, U and Y).
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"

LINDEHOF, KERSENBUURT, MOLENVELD, HAVENKWARTIER = (row[0] for row in NEIGHBOURHOODS)


# --- What the demo contains -----------------------------------------------------------------
@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    email: str = ""
    website: str = ""
    legal_status: str = "stichting"


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    neighbourhood: str  # CBS code
    street: str
    org: str | None = None
    description: str = ""
    transportation: str = ""
    # Closed on these holidays: "x" Christmas, "k" King's Day.
    holidays: str = ""


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    kind: str  # "kind" or "kind/subterm", e.g. "facility/community_centre"
    place: str
    description: str
    org: str | None = None
    themes: tuple[str, ...] = ()
    groups: tuple[str, ...] = ("everyone",)
    tags: tuple[str, ...] = ()
    # "TU 10:00-12:00" weekly, "1TU 14:00-16:00" monthly (first Tuesday), "-1FR …" last.
    hours: tuple[str, ...] = ()
    price: str | None = None  # one cost option; entries tagged "free" get amount 0
    price_for: str = ""
    fees: str = ""
    how: str = ""
    who: str = ""
    email: str = ""
    phone: str = ""  # what the phone line is for; the number is made up
    contact: tuple[str, str] | None = None  # (name, role), with a mobile number
    languages: tuple[tuple[str, str], ...] = ()  # (code, name)
    minimum_age: int | None = None
    maximum_age: int | None = None


FREE = taxonomy.FREE
WALK_IN = taxonomy.WALK_IN
WHEELCHAIR = taxonomy.WHEELCHAIR
LOW_STIMULUS = taxonomy.LOW_STIMULUS
NO_DUTCH = taxonomy.NO_DUTCH_NEEDED
BRING = taxonomy.BRING_SOMEONE

ENGLISH = ("en", "Engels")
ARABIC = ("ar", "Arabisch")
TURKISH = ("tr", "Turks")
UKRAINIAN = ("uk", "Oekraïens")
TIGRINYA = ("ti", "Tigrinya")
POLISH = ("pl", "Pools")

ORGS: tuple[Org, ...] = (
    Org(
        "buurtwerk",
        "Stichting Buurtwerk Omzienstad",
        "De welzijnsorganisatie van Omzienstad. Wij beheren de buurthuizen en werken samen "
        "met bewoners aan een buurt waar iedereen mee kan doen.",
        "buurtwerk@example.org",
        "https://example.org/buurtwerk",
    ),
    Org(
        "herstel",
        "Stichting Herstelacademie Omzienstad",
        "Een plek van en voor mensen die na een moeilijke periode hun leven weer oppakken. "
        "Ervaringsdeskundigen geven de cursussen.",
        "herstelacademie@example.org",
        "https://example.org/herstelacademie",
    ),
    Org(
        "steiger",
        "Stichting Zelfregiecentrum De Steiger",
        "Een huiskamer en werkplaats, gerund door ervaringsdeskundigen. Je bepaalt zelf wat "
        "je komt doen.",
        "desteiger@example.org",
        "https://example.org/desteiger",
    ),
    Org(
        "scholen",
        "Stichting Basisonderwijs Omzienstad",
        "Openbare basisscholen en kindcentra in Omzienstad.",
        "scholen@example.org",
        "https://example.org/basisonderwijs",
    ),
    Org(
        "buurtteams",
        "Buurtteams Omzienstad",
        "Sociaal werkers die je helpen met vragen over geld, wonen, opvoeden, werk en je "
        "goed voelen. Gratis en zonder verwijzing.",
        "buurtteams@example.org",
        "https://example.org/buurtteams",
    ),
    Org(
        "politie",
        "Politie, basisteam Omzienstad",
        "De wijkagenten van Omzienstad. Bij spoed bel je altijd 112.",
        legal_status="overheid",
    ),
    Org(
        "woongoed",
        "Woonstichting Woongoed Omzienstad",
        "Verhuurt sociale huurwoningen in Omzienstad.",
        "woongoed@example.org",
        "https://example.org/woongoed",
    ),
    Org(
        "bieb",
        "Bibliotheek Omzienstad",
        "Boeken lenen, leren, elkaar ontmoeten en hulp bij de computer.",
        "bibliotheek@example.org",
        "https://example.org/bibliotheek",
    ),
    Org(
        "sportbedrijf",
        "Sportbedrijf Omzienstad",
        "Beheert de sporthallen en sportvelden. De buurtsportcoaches werken hier.",
        "sport@example.org",
        "https://example.org/sport",
    ),
    Org(
        "gc_linde",
        "Gezondheidscentrum Lindehof",
        "Huisartsen, praktijkondersteuners en een fysiotherapeut onder één dak.",
        "gclindehof@example.org",
        legal_status="coöperatie",
    ),
    Org(
        "gc_kade",
        "Gezondheidscentrum Aan de Kade",
        "Huisartsen en een apotheek aan het Kadeplein.",
        "aandekade@example.org",
        legal_status="coöperatie",
    ),
    Org(
        "pkn",
        "Protestantse Gemeente Omzienstad",
        "Kerk in Lindehof. Iedereen is welkom, ook als je niet gelooft.",
        "lindekerk@example.org",
        legal_status="kerkgenootschap",
    ),
    Org(
        "parochie",
        "Parochie Sint-Jozef",
        "Katholieke parochie in Molenveld.",
        "sintjozef@example.org",
        legal_status="kerkgenootschap",
    ),
    Org(
        "bron",
        "Baptistengemeente De Bron",
        "Kleine kerk in de Kersenbuurt.",
        "debron@example.org",
        legal_status="kerkgenootschap",
    ),
    Org(
        "haven_kerk",
        "Evangelische Gemeente De Haven",
        "Jonge, internationale kerk in het Havenkwartier.",
        "dehaven@example.org",
        legal_status="kerkgenootschap",
    ),
    Org(
        "moskee",
        "Stichting Moskee Al-Hidaya Omzienstad",
        "Moskee en ontmoetingsplek in de Kersenbuurt.",
        "alhidaya@example.org",
    ),
    Org(
        "coop_linde",
        "Buurtcoöperatie Lindehof Samen",
        "Bewoners helpen elkaar: klussen, boodschappen en samen eten.",
        "lindehofsamen@example.org",
        legal_status="coöperatie",
    ),
    Org(
        "coop_kersen",
        "Buurtcoöperatie De Kersenboom",
        "Bewoners van de Kersenbuurt beheren samen de buurtkamer en de moestuin.",
        "dekersenboom@example.org",
        legal_status="coöperatie",
    ),
    Org(
        "molenveld_helpt",
        "Vereniging Molenveld Helpt",
        "Vrijwilligers uit Molenveld rijden, klussen en doen boodschappen voor buren.",
        "molenveldhelpt@example.org",
        legal_status="vereniging",
    ),
    Org(
        "kajuit",
        "Bewonersvereniging De Kajuit",
        "Bewoners van de flats aan de Sloepstraat, met een eigen buurtkamer.",
        "dekajuit@example.org",
        legal_status="vereniging",
    ),
    Org(
        "molen",
        "Stichting Molen Het Veld",
        "Vrijwilligers houden de oude korenmolen draaiende.",
        "molenhetveld@example.org",
    ),
)

PLACES: tuple[Place, ...] = (
    # Lindehof
    Place(
        "linde",
        "Buurthuis De Linde",
        LINDEHOF,
        "Lindeplein 2",
        "buurtwerk",
        "Buurthuis met een grote zaal, een keuken en een stille kamer.",
        "Bus 5, halte Lindeplein. Een fietsenrek staat voor de deur.",
        "xk",
    ),
    Place(
        "wijkpost_co", "Wijkpost Centrum-Oost", LINDEHOF, "Lindelaan 2", "buurtteams", "", "", "xk"
    ),
    Place(
        "gc_linde",
        "Gezondheidscentrum Lindehof",
        LINDEHOF,
        "Lindelaan 40",
        "gc_linde",
        holidays="k",
    ),
    Place("lindeboom", "Basisschool De Lindeboom", LINDEHOF, "Knotwilgweg 12", "scholen"),
    Place("lindekerk", "De Lindekerk", LINDEHOF, "Lindeplein 9", "pkn"),
    Place(
        "herstel",
        "Herstelacademie Omzienstad",
        LINDEHOF,
        "Bijenhof 3",
        "herstel",
        "Een rustig pand met een huiskamer en twee leslokalen.",
        holidays="x",
    ),
    Place("super_linde", "Buurtsuper Lindehof", LINDEHOF, "Bladstraat 21"),
    Place("vierlinden", "Café De Vier Linden", LINDEHOF, "Lindeplein 14"),
    Place("knip", "Kapsalon Knip & Praat", LINDEHOF, "Bladstraat 8"),
    Place("lindeplein", "Lindeplein", LINDEHOF, "Lindeplein"),
    Place("linde_bank", "Bankje bij de grote linde", LINDEHOF, "Lindeplein, bij de grote linde"),
    Place("bijen_bank", "Praatbankje Bijenhof", LINDEHOF, "Bijenhof, bij nummer 20"),
    Place("bijenkorf", "Speeltuin De Bijenkorf", LINDEHOF, "Bijenhof 30"),
    Place("lindepark", "Lindepark", LINDEHOF, "Knotwilgweg, ingang bij de brug"),
    Place("bijentuin", "Bijentuin Lindehof", LINDEHOF, "Bijenhof 12"),
    # Kersenbuurt
    Place(
        "bloesem",
        "Buurtkamer De Bloesem",
        KERSENBUURT,
        "Bloesemhof 1",
        "coop_kersen",
        "Een gezellige buurtkamer met een lange tafel en een open keuken.",
        "Bus 5, halte Kersenstraat.",
        "x",
    ),
    Place("kersenpit", "Basisschool De Kersenpit", KERSENBUURT, "Pitstraat 30", "scholen"),
    Place("moskee", "Moskee Al-Hidaya", KERSENBUURT, "Boomgaardlaan 55", "moskee"),
    Place("debron", "Kerkgebouw De Bron", KERSENBUURT, "Kersenstraat 101", "bron"),
    Place("moestuin", "Moestuin De Boomgaard", KERSENBUURT, "Boomgaardlaan 60", "coop_kersen"),
    Place("kersenplein", "Kersenplein", KERSENBUURT, "Kersenplein"),
    Place("lunchroom", "Lunchroom Bloesem", KERSENBUURT, "Kersenstraat 12"),
    Place("sari", "Toko Sari", KERSENBUURT, "Kersenstraat 27"),
    Place("bakker", "Bakkerij Van der Pit", KERSENBUURT, "Pitstraat 4"),
    Place("kringloop", "Kringloopwinkel Tweede Ronde", KERSENBUURT, "Boomgaardlaan 2"),
    Place("kersepitje", "Café 't Kersepitje", KERSENBUURT, "Pitstraat 19"),
    Place(
        "ha_kersen", "Huisartsenpraktijk Kersenbuurt", KERSENBUURT, "Kersenstraat 80", holidays="k"
    ),
    Place("sporthal", "Sporthal De Pit", KERSENBUURT, "Pitstraat 50", "sportbedrijf", holidays="x"),
    Place("pitspeel", "Speelplek Pitstraat", KERSENBUURT, "Pitstraat, tegenover nummer 40"),
    Place("trapveld", "Trapveld De Boomgaard", KERSENBUURT, "Boomgaardlaan, naast nummer 70"),
    Place("kersen_bank", "Bankjes onder de kersenbomen", KERSENBUURT, "Kersenstraat 60"),
    Place("weggeef", "Weggeefkast Kersenstraat", KERSENBUURT, "Kersenstraat 44"),
    # Molenveld
    Place(
        "wiek",
        "Wijkcentrum De Wiek",
        MOLENVELD,
        "Molenwiek 10",
        "buurtwerk",
        "Wijkcentrum met een biljartzaal, een computerhoek en een kleine zaal.",
        "Bus 12, halte Molenwiek. Er is een invalidenparkeerplaats.",
        "xk",
    ),
    Place("molen", "Molen Het Veld", MOLENVELD, "Molenwiek 1", "molen"),
    Place("ezelswei", "Kinderboerderij De Ezelswei", MOLENVELD, "Ezelspad 1", holidays="x"),
    Place("korenveld", "Basisschool Het Korenveld", MOLENVELD, "Korenveld 22", "scholen"),
    Place("molenzicht", "Huisartsenpraktijk Molenzicht", MOLENVELD, "Maalderspad 3", holidays="k"),
    Place("sintjozef", "Sint-Jozefkerk", MOLENVELD, "Zeilstraat 1", "parochie"),
    Place("sportpark", "Sportpark Molenveld", MOLENVELD, "Zeilstraat 80", "sportbedrijf"),
    Place("korenaar", "Volkstuinen De Korenaar", MOLENVELD, "Maalderspad 50"),
    Place("cafe_molen", "Café De Molen", MOLENVELD, "Molenwiek 2"),
    Place("super_koren", "Supermarkt Korenveld", MOLENVELD, "Korenveld 5"),
    Place("fiets", "Fietsenmaker De Spaak", MOLENVELD, "Zeilstraat 14"),
    Place("molenrad", "Speeltuin Het Molenrad", MOLENVELD, "Korenveld 40"),
    Place("molenpark", "Molenpark", MOLENVELD, "Maalderspad, ingang bij de molen"),
    Place("molen_bank", "Bankje bij de molen", MOLENVELD, "Molenwiek, bij de molen"),
    Place("picknick", "Picknickbank Ezelspad", MOLENVELD, "Ezelspad, bij de wei"),
    Place("korenplein", "Pleintje Korenveld", MOLENVELD, "Korenveld, bij nummer 30"),
    # Havenkwartier
    Place(
        "bieb",
        "Bibliotheek Havenkwartier",
        HAVENKWARTIER,
        "Kadeplein 1",
        "bieb",
        "Grote bibliotheek aan het water, met een leescafé en een stille studiezaal.",
        "Bus 12, halte Kadeplein. Lift naar de eerste verdieping.",
        "xk",
    ),
    Place(
        "steiger",
        "Zelfregiecentrum De Steiger",
        HAVENKWARTIER,
        "Steigerweg 14",
        "steiger",
        "Begane grond van de flat, met een huiskamer, een keuken en een werkplaats.",
        holidays="x",
    ),
    Place("anker", "IKC Het Anker", HAVENKWARTIER, "Ankerhof 8", "scholen"),
    Place(
        "gc_kade",
        "Gezondheidscentrum Aan de Kade",
        HAVENKWARTIER,
        "Kadeplein 20",
        "gc_kade",
        holidays="k",
    ),
    Place("sportveld", "Sportveld Havenkwartier", HAVENKWARTIER, "Steigerweg 40", "sportbedrijf"),
    Place(
        "huurderspunt",
        "Huurderspunt Woongoed",
        HAVENKWARTIER,
        "Sloepstraat 2",
        "woongoed",
        holidays="xk",
    ),
    Place("wijkzaal", "Wijkzaal Ankerhof", HAVENKWARTIER, "Ankerhof 1"),
    Place(
        "kajuit", "Buurtkamer De Kajuit", HAVENKWARTIER, "Sloepstraat 80", "kajuit", holidays="x"
    ),
    Place("koffiebar", "Koffiebar De Kade", HAVENKWARTIER, "Kadeplein 7"),
    Place("super_kade", "Supermarkt Kadeplein", HAVENKWARTIER, "Kadeplein 12"),
    Place("kapper_anker", "Kapper Anker", HAVENKWARTIER, "Ankerhof 3"),
    Place("botenhuis", "Botenhuis De Sloep", HAVENKWARTIER, "Steigerweg 60"),
    Place("kadeplein", "Kadeplein", HAVENKWARTIER, "Kadeplein"),
    Place("water_bank", "Bankjes aan het water", HAVENKWARTIER, "Steigerweg, langs de kade"),
    Place("boei", "Speelplek De Boei", HAVENKWARTIER, "Ankerhof, binnenplaats"),
    Place("havenpark", "Havenpark", HAVENKWARTIER, "Steigerweg, ingang bij de brug"),
)

# fmt: off
ENTRIES: tuple[Entry, ...] = (
    # --- Lindehof: much to do, and several quiet places -------------------------------------
    Entry(
        "linde_buurthuis", "Buurthuis De Linde", "facility/community_centre", "linde",
        "Het buurthuis van Lindehof. Loop binnen voor een kop koffie, de krant of een "
        "praatje. Er is elke dag iets te doen.",
        org="buurtwerk", themes=("meeting", "coffee"), tags=(WHEELCHAIR, WALK_IN, FREE),
        hours=(f"{WEEKDAYS} 9:00-17:00",), email="delinde@example.org",
        phone="Bel voor vragen of om een zaal te huren",
    ),
    Entry(
        "linde_lunch", "Open lunch in De Linde", "facility/community_centre", "linde",
        "Twee keer per week staat er soep en brood klaar. Je eet aan een lange tafel met "
        "buren. Vrijwilligers koken.",
        org="buurtwerk", themes=("eating", "meeting"),
        groups=("everyone", "older_people", "lonely"),
        tags=(WHEELCHAIR, WALK_IN, BRING), hours=("TU,TH 12:00-13:30",),
        price="3.50", price_for="Lunch met soep, brood en thee",
        how="Je hoeft je niet op te geven. Kom gewoon langs.",
    ),
    Entry(
        "linde_computercafe", "Computercafé De Linde", "facility/community_centre", "linde",
        "Vrijwilligers helpen je met je telefoon, tablet of laptop. Bijvoorbeeld met "
        "videobellen, e-mail of DigiD.",
        org="buurtwerk", themes=("computer", "paperwork"), groups=("everyone", "older_people"),
        tags=(WHEELCHAIR, WALK_IN, FREE), hours=("WE 10:00-12:00",),
        how="Neem je eigen telefoon of laptop mee.",
    ),
    Entry(
        "linde_stappers", "Wandelgroep De Stappers", "facility/community_centre", "linde",
        "Elke maandag wandelen we een uur door de buurt en het Lindepark. Daarna drinken we "
        "samen koffie in het buurthuis. We lopen rustig, niemand blijft achter.",
        org="buurtwerk", themes=("walking", "meeting"), groups=("everyone", "lonely"),
        tags=(FREE, BRING, WALK_IN), hours=("MO 10:00-11:30",),
        how="We vertrekken om 10 uur bij de ingang van het buurthuis.",
    ),
    Entry(
        "linde_rustige_ochtend", "Rustige ochtend in de stille kamer", "facility/community_centre",
        "linde",
        "Koffie in een kleine, rustige kamer. Geen muziek, zacht licht en hooguit acht "
        "mensen. Je mag ook alleen een boek lezen.",
        org="buurtwerk", themes=("coffee", "mental_wellbeing"),
        groups=("extra_support", "lonely"), tags=(LOW_STIMULUS, WALK_IN, FREE, WHEELCHAIR),
        hours=("FR 10:00-12:00",),
    ),
    Entry(
        "linde_taalcafe", "Taalcafé Lindehof", "initiative", "linde",
        "Oefen Nederlands praten met buren. We praten over gewone dingen: boodschappen, "
        "het weer, je kinderen. Elke les is anders, dus je kunt altijd instappen.",
        themes=("dutch_language", "meeting"), groups=("newcomers",),
        tags=(NO_DUTCH, WALK_IN, FREE, WHEELCHAIR), hours=("TH 19:00-20:30",),
        languages=(ENGLISH, ARABIC, UKRAINIAN), email="taalcafe.lindehof@example.org",
    ),
    Entry(
        "linde_mantelzorgcafe", "Mantelzorgcafé Lindehof", "peer_group", "linde",
        "Zorg je voor iemand in je familie of een buur? Eén keer per maand praat je hier "
        "met andere mantelzorgers. Je deelt tips en je hoeft even niets.",
        org="buurtwerk", themes=("coffee", "mental_wellbeing"), groups=("carers",),
        tags=(WHEELCHAIR, FREE, BRING), hours=("1TU 14:00-16:00",),
        how="Je mag zomaar komen. Wie je verzorgt mag mee.",
    ),
    Entry(
        "linde_rouwgroep", "Praatgroep Samen Verder", "peer_group", "linde",
        "Een kleine groep voor mensen van wie iemand is overleden. Je praat met mensen "
        "die hetzelfde hebben meegemaakt. Een vrijwilliger begeleidt de groep.",
        org="buurtwerk", themes=("mental_wellbeing",), groups=("everyone", "lonely"),
        tags=(LOW_STIMULUS, FREE, WHEELCHAIR), hours=("2WE,4WE 19:30-21:00",),
        how="Bel of mail eerst even, dan maken we kennis.", email="samenverder@example.org",
        phone="Kennismaken of vragen",
    ),
    Entry(
        "linde_vrouwengroep", "Vrouwengroep Sterke Stemmen", "peer_group", "linde",
        "Vrouwen die nog niet lang in Nederland wonen, praten hier over hun leven in de "
        "buurt. Er is oppas voor kleine kinderen.",
        org="buurtwerk", themes=("meeting", "dutch_language"), groups=("women", "newcomers"),
        tags=(NO_DUTCH, FREE, WALK_IN, WHEELCHAIR), hours=("FR 13:30-15:30",),
        languages=(ARABIC, TIGRINYA, TURKISH),
    ),
    Entry(
        "linde_schaak", "Schaakclub De Lindetoren", "association/hobby_club", "linde",
        "Schaken in een rustige zaal. Beginners krijgen uitleg van ervaren spelers.",
        themes=("meeting", "learning"), groups=("everyone",),
        tags=(LOW_STIMULUS, WHEELCHAIR, BRING), hours=("TH 19:30-22:30",),
        price="5.00", price_for="Contributie per maand", fees="De eerste drie avonden zijn gratis.",
        email="lindetoren@example.org",
    ),
    Entry(
        "linde_handwerk", "Handwerkclub Steek voor Steek", "association/hobby_club", "linde",
        "Breien, haken en borduren aan een grote tafel. Neem je eigen werk mee of leer "
        "iets nieuws. Er is altijd wol over.",
        themes=("crafts", "coffee"), groups=("everyone", "older_people"),
        tags=(WHEELCHAIR, WALK_IN), hours=("WE 13:30-16:00",),
        price="1.00", price_for="Koffie of thee",
    ),
    Entry(
        "linde_koor", "Koor Lindeklanken", "association/music_club", "lindekerk",
        "Een gemengd koor met veertig leden. We zingen pop, musical en af en toe iets "
        "klassieks. Noten lezen hoeft niet.",
        themes=("music", "meeting"), tags=(WHEELCHAIR,), hours=("TU 19:30-21:30",),
        price="10.00", price_for="Contributie per maand", fees="Twee keer gratis meezingen.",
        email="lindeklanken@example.org",
    ),
    Entry(
        "linde_jeu", "Jeu-de-boulesclub De Linde", "association/sports_club", "lindeplein",
        "Jeu de boules op het Lindeplein. Wie langsloopt mag een balletje meegooien. "
        "Ballen kun je lenen.",
        themes=("sports", "meeting"), groups=("everyone", "older_people"),
        tags=(WALK_IN, BRING), hours=("WE,SA 14:00-16:30",),
        price="2.00", price_for="Per middag",
    ),
    Entry(
        "linde_buurtmaaltijd", "Buurtmaaltijd aan de Linde", "initiative/eating_cafe", "linde",
        "Op de laatste vrijdag van de maand koken bewoners een driegangenmenu. Er is altijd "
        "een vegetarische keuze en halal vlees.",
        org="coop_linde", themes=("eating", "meeting"), groups=("everyone", "lonely"),
        tags=(WHEELCHAIR, BRING, NO_DUTCH), hours=("-1FR 17:30-19:30",),
        price="4.00", price_for="Driegangenmenu",
        how="Geef je op tot woensdag ervoor, bij de bar van het buurthuis of per mail.",
        email="eten.lindehof@example.org",
    ),
    Entry(
        "linde_repair", "Repair Café Lindehof", "initiative/repair_cafe", "linde",
        "Kapotte lamp, broodrooster of broek? Samen met handige vrijwilligers maak je het "
        "weer heel. Zo gooi je minder weg.",
        org="coop_linde", themes=("repair", "volunteering"),
        tags=(WALK_IN, FREE, WHEELCHAIR), hours=("1SA 10:00-13:00",),
        fees="Gratis. Een gift in de pot mag.",
    ),
    Entry(
        "linde_coop", "Buurtcoöperatie Lindehof Samen", "initiative/cooperative", "linde",
        "Bewoners die elkaar helpen. Heb je een vraag of wil je zelf iets doen voor de "
        "buurt? Kom naar het spreekuur.",
        org="coop_linde", themes=("volunteering", "practical"),
        tags=(WALK_IN, FREE, WHEELCHAIR), hours=("MO,TH 9:30-11:30",),
        email="lindehofsamen@example.org", phone="Tijdens het spreekuur",
    ),
    Entry(
        "linde_klussendienst", "Klussendienst Lindehof Samen", "initiative/cooperative", "linde",
        "Een lamp ophangen, een kastje in elkaar zetten of de tuin opruimen. Een buurman of "
        "buurvrouw komt helpen.",
        org="coop_linde", themes=("repair",), groups=("older_people", "extra_support"),
        price="5.00", price_for="Per klus, materiaal betaal je zelf",
        how="Bel of loop binnen bij het spreekuur van de buurtcoöperatie.",
        phone="Klus aanvragen",
    ),
    Entry(
        "linde_bijentuin", "Bijentuin Lindehof", "initiative/garden", "bijentuin",
        "Een buurttuin vol bloemen voor bijen en vlinders. Kom helpen met wieden en zaaien, "
        "of zit gewoon even op het bankje. Het is er stil.",
        org="coop_linde", themes=("nature", "volunteering"),
        tags=(FREE, WALK_IN, LOW_STIMULUS), hours=("SA 10:00-12:00", "WE 18:30-20:00"),
    ),
    Entry(
        "linde_gc", "Gezondheidscentrum Lindehof", "facility/gp", "gc_linde",
        "Huisartsen, praktijkondersteuners en een fysiotherapeut. Voor een afspraak bel je "
        "in de ochtend.",
        org="gc_linde", themes=("health",), tags=(WHEELCHAIR,),
        hours=(f"{WEEKDAYS} 8:00-17:00",), how="Bel voor een afspraak. Bij spoed bel je 112.",
        phone="Afspraken, tussen 8:00 en 10:00",
    ),
    Entry(
        "linde_beweeg", "Bewegen voor 55-plussers", "facility/gp", "gc_linde",
        "De fysiotherapeut geeft een uur rustige oefeningen in een groep. Goed voor je "
        "balans en kracht.",
        org="gc_linde", themes=("sports", "health"), groups=("older_people",),
        tags=(WHEELCHAIR,), hours=("TU 10:00-11:00",),
        price="2.50", price_for="Per les", minimum_age=55,
    ),
    Entry(
        "linde_school", "Basisschool De Lindeboom", "facility/school", "lindeboom",
        "Openbare basisschool voor kinderen van 4 tot 12 jaar, met een groot groen plein.",
        org="scholen", themes=("learning",), groups=("children",), tags=(WHEELCHAIR,),
        hours=("MO,TU,TH,FR 8:30-15:00", "WE 8:30-12:30"),
        minimum_age=4, maximum_age=12, phone="Administratie",
    ),
    Entry(
        "linde_ouderkamer", "Ouderkamer De Lindeboom", "facility/school", "lindeboom",
        "Na het brengen van de kinderen drink je koffie met andere ouders. Soms komt er "
        "iemand vertellen over opvoeden of geld.",
        org="scholen", themes=("coffee", "meeting"), groups=("everyone", "newcomers"),
        tags=(NO_DUTCH, WALK_IN, FREE), hours=("TU 8:45-10:30",),
        languages=(ARABIC, TURKISH, POLISH),
    ),
    Entry(
        "linde_kerk", "Kerkdienst in De Lindekerk", "faith/church", "lindekerk",
        "Elke zondag een kerkdienst. Na afloop is er koffie. Iedereen is welkom.",
        org="pkn", themes=("meeting",), tags=(WHEELCHAIR, FREE, BRING), hours=("SU 10:00-11:30",),
    ),
    Entry(
        "linde_kerk_open", "Open kerk: even binnen", "faith/church", "lindekerk",
        "De kerk is open voor wie even wil zitten, een kaarsje wil aansteken of een praatje "
        "wil. Het is er stil en er is koffie.",
        org="pkn", themes=("coffee", "mental_wellbeing"), groups=("everyone", "lonely"),
        tags=(LOW_STIMULUS, WALK_IN, FREE, WHEELCHAIR), hours=("WE 10:00-12:00",),
    ),
    Entry(
        "linde_herstel_cursus", "Cursus Werken aan je herstel", "experience/recovery_college",
        "herstel",
        "Acht middagen over je eigen kracht en je eigen plan. Twee ervaringsdeskundigen "
        "geven de les. Je leert van elkaar.",
        org="herstel", themes=("recovery", "learning"), groups=("extra_support",),
        tags=(LOW_STIMULUS, FREE), hours=("TU 13:30-15:30",),
        how="Meld je aan via de website of loop binnen bij de inloop.",
        email="herstelacademie@example.org",
    ),
    Entry(
        "linde_herstel_inloop", "Inloop Herstelacademie", "experience/recovery_college",
        "herstel",
        "Kom langs voor koffie en een gesprek met een ervaringsdeskundige. Je hoeft niets "
        "te vertellen als je dat niet wilt.",
        org="herstel", themes=("recovery", "coffee"), groups=("extra_support", "lonely"),
        tags=(LOW_STIMULUS, WALK_IN, FREE, WHEELCHAIR), hours=("MO,WE,FR 10:00-15:00",),
        phone="Tijdens de inloop",
    ),
    Entry(
        "linde_herstel_wandel", "Wandelen met een ervaringsdeskundige", "experience", "herstel",
        "Elke donderdag een rustige wandeling van een uur door het Lindepark. Praten mag, "
        "zwijgen ook.",
        org="herstel", themes=("walking", "recovery"), groups=("extra_support",),
        tags=(LOW_STIMULUS, FREE, BRING), hours=("TH 11:00-12:00",),
    ),
    Entry(
        "linde_super", "Buurtsuper Lindehof", "shop/supermarket", "super_linde",
        "Kleine supermarkt met verse broodjes. Voor ouderen in de buurt bezorgen we "
        "boodschappen aan huis.",
        themes=("practical",), tags=(WHEELCHAIR,),
        hours=("MO,TU,WE,TH,FR,SA 8:00-21:00", "SU 12:00-18:00"),
        fees="Bezorgen kost € 2,50.", phone="Boodschappen laten bezorgen",
    ),
    Entry(
        "linde_cafe", "Café De Vier Linden", "shop/cafe", "vierlinden",
        "Bruin café aan het Lindeplein, met een terras onder de bomen. Op donderdagmiddag "
        "wordt er geklaverjast.",
        themes=("meeting", "coffee"), hours=("TU,WE,TH,FR,SA,SU 11:00-23:00",),
    ),
    Entry(
        "linde_klaverjas", "Klaverjassen in De Vier Linden", "shop/cafe", "vierlinden",
        "Elke donderdagmiddag klaverjassen. Alleen komen kan, we maken ter plekke tafels.",
        themes=("meeting",), groups=("everyone", "older_people"), tags=(WALK_IN,),
        hours=("TH 14:00-17:00",), price="2.50", price_for="Inleg, met een prijs voor de winnaar",
    ),
    Entry(
        "linde_kapper", "Kapsalon Knip & Praat", "shop/hairdresser", "knip",
        "Kapper voor dames, heren en kinderen. Op de eerste maandag van de maand knippen "
        "we voor wie weinig geld heeft.",
        hours=("TU,WE,TH,FR,SA 9:00-17:30", "1MO 13:00-17:00"),
        price="5.00", price_for="Knippen op de eerste maandag", phone="Afspraak maken",
    ),
    Entry(
        "linde_wijkagent", "Wijkagent Lindehof", "professional/police", "wijkpost_co",
        "De wijkagent kent de buurt. Kom langs met vragen over overlast, veiligheid of "
        "iets wat je zorgen geeft. Bij spoed bel je 112.",
        org="politie", themes=("safety",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("TH 16:00-17:00",), contact=("Sanne Verbeek", "Wijkagent"),
    ),
    Entry(
        "linde_buurtteam", "Buurtteam Centrum-Oost: inloopspreekuur",
        "professional/neighbourhood_team", "wijkpost_co",
        "Vragen over geld, wonen, opvoeden of je goed voelen? Loop binnen bij het "
        "buurtteam. Je krijgt meteen iemand te spreken.",
        org="buurtteams", themes=("paperwork", "mental_wellbeing"),
        groups=("everyone", "extra_support"), tags=(WALK_IN, FREE, WHEELCHAIR, BRING),
        hours=("MO,WE 9:00-12:00",), contact=("Fenna Dijkhuis", "Sociaal werker buurtteam"),
    ),
    Entry(
        "linde_woonconsulent", "Woonconsulent Woongoed in Lindehof", "professional/housing",
        "wijkpost_co",
        "Vragen over je huurhuis, een reparatie of problemen met buren? De woonconsulent "
        "helpt je verder.",
        org="woongoed", themes=("housing_theme",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("TU 13:00-15:00",), contact=("Martijn Oosterhuis", "Woonconsulent"),
    ),
    Entry(
        "linde_opbouwwerker", "Opbouwwerker Lindehof", "professional/social_work", "linde",
        "Heb je een idee voor de buurt, zoals een straatfeest of een moestuin? De "
        "opbouwwerker helpt je op weg en zoekt mensen die mee willen doen.",
        org="buurtwerk", themes=("volunteering", "meeting"), tags=(FREE, WALK_IN),
        hours=("MO 13:00-15:00",), contact=("Joris Meulenbelt", "Opbouwwerker"),
    ),
    Entry(
        "linde_plein", "Lindeplein", "third_place/square", "lindeplein",
        "Het grote plein van Lindehof, met lindebomen, een fontein, bankjes en een "
        "jeu-de-boulesbaan. In de zomer speelt hier soms muziek.",
        themes=("meeting",), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "linde_bank", "Bankje bij de grote linde", "third_place/bench", "linde_bank",
        "Een breed bankje in de schaduw van de oudste linde van de buurt. Veel buren "
        "zitten hier even in de middag.",
        themes=("meeting",), groups=("everyone", "older_people"), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "linde_praatbank", "Praatbankje Bijenhof", "third_place/bench", "bijen_bank",
        "Op het bordje staat: 'Ga zitten als je een praatje wilt maken.' Wie hier zit, "
        "vindt het fijn als je iets zegt.",
        themes=("meeting",), groups=("everyone", "lonely"), tags=(FREE,),
    ),
    Entry(
        "linde_speeltuin", "Speeltuin De Bijenkorf", "third_place/playground", "bijenkorf",
        "Omheinde speeltuin met schommels, een zandbak en bankjes voor ouders.",
        themes=("meeting",), groups=("children",), tags=(FREE,), maximum_age=12,
    ),
    Entry(
        "linde_park", "Lindepark", "third_place/park", "lindepark",
        "Klein park met een vijver en verharde paden. Fijn om een rondje te lopen of op een "
        "bankje bij het water te zitten.",
        themes=("nature", "walking"), tags=(FREE, WHEELCHAIR),
    ),
    # --- Kersenbuurt: busy and warm, but no quiet place and no peer group -------------------
    Entry(
        "kersen_buurtkamer", "Buurtkamer De Bloesem", "facility/community_centre", "bloesem",
        "De huiskamer van de Kersenbuurt, beheerd door bewoners. Er is altijd koffie en "
        "vaak is het druk en gezellig.",
        org="coop_kersen", themes=("meeting", "coffee"), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("MO,TU,WE,TH 10:00-16:00",), email="debloesem@example.org",
    ),
    Entry(
        "kersen_koffie", "Koffieochtend Kersen & Koffie", "facility/community_centre", "bloesem",
        "Elke woensdagochtend koffie met iets lekkers uit de bakkerij. Vaak komen er twintig "
        "buren, ook kinderen.",
        org="coop_kersen", themes=("coffee", "meeting"), groups=("everyone", "lonely"),
        tags=(WALK_IN, FREE, BRING, WHEELCHAIR), hours=("WE 10:00-12:00",),
    ),
    Entry(
        "kersen_coop", "Spreekuur Buurtcoöperatie De Kersenboom", "initiative/cooperative",
        "bloesem",
        "Wil je meedoen in de buurtkamer of de moestuin, of heb je hulp nodig? Kom naar "
        "het spreekuur van de buurtcoöperatie.",
        org="coop_kersen", themes=("volunteering", "practical"),
        tags=(WALK_IN, FREE, WHEELCHAIR), hours=("TU,TH 10:00-12:00",),
        phone="Tijdens het spreekuur",
    ),
    Entry(
        "kersen_klussenbus", "Klussenbus De Kersenboom", "initiative/cooperative", "bloesem",
        "Twee handige buren rijden rond met een bus vol gereedschap. Zij helpen met kleine "
        "klussen in huis.",
        org="coop_kersen", themes=("repair",), groups=("older_people", "extra_support"),
        price="5.00", price_for="Per klus", phone="Klus aanvragen",
        how="Bel op dinsdag of donderdag tussen 10 en 12 uur.",
    ),
    Entry(
        "kersen_wereldkeuken", "Kookclub Wereldkeuken", "initiative/eating_cafe", "bloesem",
        "Elke donderdag kookt een andere buur een gerecht uit haar of zijn land. Daarna "
        "eten we samen aan de lange tafel.",
        org="coop_kersen", themes=("eating", "meeting"), groups=("everyone", "newcomers"),
        tags=(NO_DUTCH, BRING, WHEELCHAIR), hours=("TH 17:30-19:30",),
        price="3.50", price_for="Maaltijd", languages=(ARABIC, TURKISH, ENGLISH),
        how="Opgeven kan tot woensdag in de buurtkamer.",
    ),
    Entry(
        "kersen_fietswerkplaats", "Fietsenwerkplaats Trapkracht", "initiative/repair_cafe",
        "bloesem",
        "Leer zelf je fiets maken. Vrijwilligers helpen met een lekke band, remmen of "
        "verlichting. Onderdelen zijn goedkoop.",
        themes=("repair", "learning"), groups=("everyone", "young_people"),
        tags=(WALK_IN, FREE), hours=("SA 11:00-15:00",),
        fees="Helpen is gratis. Onderdelen kosten een paar euro.",
    ),
    Entry(
        "kersen_moestuin", "Moestuin De Boomgaard", "initiative/garden", "moestuin",
        "Samen groente kweken achter de flat. Wie meehelpt, mag ook oogsten. Je hoeft niets "
        "te weten van tuinieren.",
        org="coop_kersen", themes=("nature", "volunteering"),
        tags=(WALK_IN, FREE, BRING), hours=("WE 9:00-12:00", "SA 10:00-13:00"),
    ),
    Entry(
        "kersen_weggeefkast", "Weggeefkast Kersenstraat", "initiative", "weggeef",
        "Een kast op straat. Zet erin wat je over hebt en neem mee wat je kunt gebruiken: "
        "boeken, speelgoed, houdbaar eten.",
        themes=("food_aid", "practical"), tags=(FREE,),
    ),
    Entry(
        "kersen_voedselpunt", "Voedselpunt De Schaal", "initiative", "bloesem",
        "Vrijwilligers delen elke vrijdag een tas met boodschappen uit. Er is ook koffie en "
        "tijd voor een praatje.",
        themes=("food_aid",), groups=("extra_support",), tags=(FREE, WHEELCHAIR),
        hours=("FR 14:00-16:00",),
        how="Je hebt een verwijzing nodig van het buurtteam. Die helpt je daarbij.",
        who="Voor huishoudens met weinig geld om van te leven.",
    ),
    Entry(
        "kersen_taalmaatjes", "Taalmaatjes Kersenbuurt", "initiative", "kersenpit",
        "Een vaste buur oefent met jou Nederlands. Jullie spreken af waar en wanneer het "
        "jullie uitkomt.",
        themes=("dutch_language",), groups=("newcomers",), tags=(NO_DUTCH, FREE),
        hours=("MO 19:00-20:30",), languages=(ENGLISH, UKRAINIAN, ARABIC),
        how="Kom op maandagavond naar de aula van De Kersenpit om kennis te maken.",
    ),
    Entry(
        "kersen_school", "Basisschool De Kersenpit", "facility/school", "kersenpit",
        "Basisschool midden in de Kersenbuurt. Na schooltijd is het plein open om te spelen.",
        org="scholen", themes=("learning",), groups=("children",), tags=(WHEELCHAIR,),
        hours=("MO,TU,TH,FR 8:30-15:00", "WE 8:30-12:30"), minimum_age=4, maximum_age=12,
        phone="Administratie",
    ),
    Entry(
        "kersen_speelclub", "Speelclub De Kersenpit", "facility/school", "kersenpit",
        "Op woensdagmiddag spelen, knutselen en sporten in de gymzaal. Ook voor kinderen van "
        "andere scholen.",
        org="scholen", themes=("crafts", "sports"), groups=("children",),
        tags=(FREE, WALK_IN), hours=("WE 13:30-15:30",), minimum_age=6, maximum_age=12,
    ),
    Entry(
        "kersen_huisarts", "Huisartsenpraktijk Kersenbuurt", "facility/gp", "ha_kersen",
        "Huisartsenpraktijk met twee huisartsen en een assistente die Turks spreekt.",
        themes=("health",), hours=(f"{WEEKDAYS} 8:00-17:00",), languages=(TURKISH,),
        how="Bel voor een afspraak. Bij spoed bel je 112.", phone="Afspraken",
    ),
    Entry(
        "kersen_sporthal", "Sporthal De Pit", "facility/sports_hall", "sporthal",
        "Sporthal voor clubs, scholen en buurtsport.",
        org="sportbedrijf", themes=("sports",), tags=(WHEELCHAIR,),
        hours=(f"{WEEKDAYS} 8:00-22:30", "SA 9:00-17:00"),
    ),
    Entry(
        "kersen_walkingfootball", "Walking football 60+", "association/sports_club", "sporthal",
        "Voetballen zonder te rennen. Je houdt je conditie op peil en lacht veel.",
        org="sportbedrijf", themes=("sports", "meeting"), groups=("older_people", "men"),
        tags=(BRING,), hours=("WE 10:00-11:30",), price="3.00", price_for="Per keer",
        minimum_age=60,
    ),
    Entry(
        "kersen_zaalvoetbal", "Zaalvoetbal met de jongerenwerker", "professional/social_work",
        "sporthal",
        "Op vrijdagavond voetballen jongeren samen met de jongerenwerker. Daarna is er tijd "
        "om te praten.",
        org="buurtwerk", themes=("sports",), groups=("young_people",),
        tags=(FREE, WALK_IN), hours=("FR 19:00-21:00",), minimum_age=12, maximum_age=23,
        contact=("Dennis Pinas", "Jongerenwerker"),
    ),
    Entry(
        "kersen_moskee", "Moskee Al-Hidaya", "faith/mosque", "moskee",
        "Moskee voor de hele buurt. Het vrijdaggebed is om 13:30 uur. Bezoekers zijn welkom.",
        org="moskee", themes=("meeting",), tags=(WHEELCHAIR, NO_DUTCH),
        hours=("FR 13:00-14:30", "SA,SU 10:00-16:00"), languages=(ARABIC, TURKISH),
    ),
    Entry(
        "kersen_open_moskee", "Open moskee: thee en uitleg", "faith/mosque", "moskee",
        "Op de eerste zaterdag van de maand krijg je een rondleiding en thee. Stel al je "
        "vragen, niets is te gek.",
        org="moskee", themes=("meeting", "coffee"), tags=(FREE, WALK_IN, BRING),
        hours=("1SA 14:00-16:00",),
    ),
    Entry(
        "kersen_huiswerk", "Huiswerkklas Al-Hidaya", "faith/mosque", "moskee",
        "Studenten helpen kinderen met rekenen, taal en spreekbeurten.",
        org="moskee", themes=("learning",), groups=("children",),
        tags=(FREE, NO_DUTCH), hours=("WE 15:00-17:00",), minimum_age=8, maximum_age=14,
        how="Geef je kind op bij de moskee.",
    ),
    Entry(
        "kersen_theetafel", "Theetafel voor vrouwen", "faith/mosque", "moskee",
        "Vrouwen uit de buurt drinken thee en praten over van alles. Elke vrouw is welkom, "
        "met of zonder geloof.",
        org="moskee", themes=("coffee", "meeting"), groups=("women",),
        tags=(FREE, WALK_IN, NO_DUTCH), hours=("TU 10:00-12:00",), languages=(ARABIC, TURKISH),
    ),
    Entry(
        "kersen_bron", "Baptistengemeente De Bron", "faith/church", "debron",
        "Een kleine kerk waar mensen elkaar goed kennen. Na de dienst eten we soms samen.",
        org="bron", themes=("meeting",), tags=(FREE, BRING), hours=("SU 10:30-12:00",),
    ),
    Entry(
        "kersen_koor", "Koor Kersenklank", "association/music_club", "kersenpit",
        "Een vrolijk buurtkoor. We zingen liedjes uit alle landen waar onze leden vandaan komen.",
        themes=("music",), tags=(BRING,), hours=("MO 19:30-21:30",),
        price="8.00", price_for="Contributie per maand",
    ),
    Entry(
        "kersen_biljart", "Biljartclub De Keu", "association/hobby_club", "kersepitje",
        "Biljarten in het achterzaaltje van Café 't Kersepitje. Nieuwe spelers krijgen uitleg.",
        themes=("meeting",), groups=("men", "older_people"), hours=("TH 19:00-23:00",),
        price="4.00", price_for="Contributie per maand",
    ),
    Entry(
        "kersen_markt", "Markt Kersenbuurt", "shop", "kersenplein",
        "Elke woensdag markt op het Kersenplein, met groente, vis, stoffen en een "
        "koffiekraam.",
        themes=("meeting",), tags=(WHEELCHAIR,), hours=("WE 9:00-14:00",),
    ),
    Entry(
        "kersen_lunchroom", "Lunchroom Bloesem", "shop/cafe", "lunchroom",
        "Lunchroom met zelfgebakken taart. Aan de muur hangt een lijst met 'koffie voor een "
        "ander': betaal er één extra, dan krijgt een buur een kop.",
        themes=("coffee",), tags=(WHEELCHAIR,), hours=("TU,WE,TH,FR,SA 9:00-17:00",),
    ),
    Entry(
        "kersen_kersepitje", "Café 't Kersepitje", "shop/cafe", "kersepitje",
        "Buurtcafé waar iedereen iedereen kent. Met een biljart en op vrijdag een pubquiz.",
        themes=("meeting",), hours=("WE,TH,FR,SA,SU 14:00-1:00",),
    ),
    Entry(
        "kersen_toko", "Toko Sari", "shop/supermarket", "sari",
        "Winkel met producten uit Suriname, Indonesië en Turkije. De eigenaar kent iedereen "
        "bij naam.",
        tags=(NO_DUTCH,), hours=("MO,TU,WE,TH,FR,SA 9:00-19:00",), languages=(TURKISH, ENGLISH),
    ),
    Entry(
        "kersen_bakker", "Bakkerij Van der Pit", "shop", "bakker",
        "Warme bakker met een tafeltje voor het raam. Brood van gisteren is voor de halve prijs.",
        hours=("TU,WE,TH,FR,SA 7:00-17:00",),
    ),
    Entry(
        "kersen_kringloop", "Kringloopwinkel Tweede Ronde", "shop", "kringloop",
        "Tweedehands meubels, kleding en boeken. Je kunt hier ook vrijwilliger worden en "
        "werkervaring opdoen.",
        themes=("volunteering",), tags=(WHEELCHAIR,), hours=("TU,WE,TH,FR,SA 10:00-17:00",),
    ),
    Entry(
        "kersen_wijkagent", "Wijkagent Kersenbuurt", "professional/police", "bloesem",
        "Eén keer per maand houdt de wijkagent spreekuur in de buurtkamer. Je kunt ook "
        "bellen of mailen. Bij spoed bel je 112.",
        org="politie", themes=("safety",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("2TU 19:00-20:00",), contact=("Youssef El Khatib", "Wijkagent"),
    ),
    Entry(
        "kersen_buurtteam", "Buurtteam Centrum-Oost in De Bloesem",
        "professional/neighbourhood_team", "bloesem",
        "Het buurtteam houdt spreekuur in de buurtkamer. Voor vragen over geld, je huis, "
        "opvoeden of als het even niet gaat.",
        org="buurtteams", themes=("paperwork", "mental_wellbeing"),
        groups=("everyone", "extra_support"), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("TH 13:00-15:00",), contact=("Fenna Dijkhuis", "Sociaal werker buurtteam"),
    ),
    Entry(
        "kersen_huurders", "Huurdersspreekuur Woongoed", "professional/housing", "bloesem",
        "Op de eerste woensdag van de maand zit de woonconsulent in de buurtkamer. Kom met "
        "je vragen over je huis of de buurt.",
        org="woongoed", themes=("housing_theme",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("1WE 13:00-15:00",), contact=("Martijn Oosterhuis", "Woonconsulent"),
    ),
    Entry(
        "kersen_opbouwwerker", "Opbouwwerker Kersenbuurt", "professional/social_work", "bloesem",
        "De opbouwwerker helpt bewoners die samen iets willen doen in de buurt. Bel of app "
        "gerust.",
        org="buurtwerk", themes=("volunteering",), tags=(FREE,),
        contact=("Naima Ouali", "Opbouwwerker"),
    ),
    Entry(
        "kersen_plein", "Kersenplein", "third_place/square", "kersenplein",
        "Klein plein met bankjes en een waterpomp. Op woensdag staat hier de markt.",
        themes=("meeting",), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "kersen_bankjes", "Bankjes onder de kersenbomen", "third_place/bench", "kersen_bank",
        "Drie bankjes onder de kersenbomen. In april staan de bomen in bloei.",
        themes=("meeting",), groups=("everyone", "older_people"), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "kersen_speelplek", "Speelplek Pitstraat", "third_place/playground", "pitspeel",
        "Speelplek met een klimrek, een wipkip en een zandbak.",
        groups=("children",), tags=(FREE,), maximum_age=10,
    ),
    Entry(
        "kersen_trapveld", "Trapveld De Boomgaard", "third_place/playground", "trapveld",
        "Omheind voetbalveldje met kunstgras. Vaak spelen hier 's middags jongeren.",
        themes=("sports",), groups=("children", "young_people"), tags=(FREE,),
    ),
    # --- Molenveld: green and sporty; little for people who do not speak Dutch yet ----------
    Entry(
        "molen_wiek", "Wijkcentrum De Wiek", "facility/community_centre", "wiek",
        "Het wijkcentrum van Molenveld. Je kunt er biljarten, de computer gebruiken of "
        "gewoon koffie drinken.",
        org="buurtwerk", themes=("meeting", "coffee"), tags=(WHEELCHAIR, WALK_IN, FREE),
        hours=(f"{WEEKDAYS} 9:00-17:00", "TU,TH 19:00-22:00"), email="dewiek@example.org",
        phone="Bel voor vragen of om een zaal te huren",
    ),
    Entry(
        "molen_koffie", "Koffie-inloop De Wiek", "facility/community_centre", "wiek",
        "Dinsdag en donderdag staat de koffie klaar. Vrijwilligers maken graag een praatje "
        "met je.",
        org="buurtwerk", themes=("coffee", "meeting"), groups=("everyone", "lonely"),
        tags=(WHEELCHAIR, WALK_IN, FREE), hours=("TU,TH 10:00-12:00",),
    ),
    Entry(
        "molen_spelletjes", "Rustige spelletjesmiddag", "facility/community_centre", "wiek",
        "Spelletjes in een kleine groep: rummikub, scrabble en puzzels. Zonder muziek en met "
        "een vaste plek aan tafel.",
        org="buurtwerk", themes=("meeting",), groups=("extra_support", "lonely"),
        tags=(LOW_STIMULUS, WHEELCHAIR, FREE, BRING), hours=("WE 14:00-16:00",),
    ),
    Entry(
        "molen_stoelyoga", "Yoga op de stoel", "facility/community_centre", "wiek",
        "Rustige yoga zittend op een stoel. Je hoeft niet lenig te zijn.",
        org="buurtwerk", themes=("sports", "mental_wellbeing"), groups=("older_people",),
        tags=(WHEELCHAIR,), hours=("FR 10:00-11:00",), price="2.50", price_for="Per les",
    ),
    Entry(
        "molen_digihulp", "Digi-hulp in De Wiek", "facility/community_centre", "wiek",
        "Hulp met je telefoon, computer, DigiD of online bankieren. Een vrijwilliger kijkt "
        "met je mee.",
        org="buurtwerk", themes=("computer", "paperwork"), groups=("older_people",),
        tags=(WHEELCHAIR, WALK_IN, FREE), hours=("TH 13:00-15:00",),
    ),
    Entry(
        "molen_koersbal", "Koersbal 55+", "association/hobby_club", "wiek",
        "Koersbal is een rustig balspel op een lange mat. Na afloop drinken we samen koffie.",
        themes=("sports", "meeting"), groups=("older_people",), tags=(WHEELCHAIR, BRING),
        hours=("MO 13:30-16:00",), price="1.00", price_for="Per middag, met koffie",
    ),
    Entry(
        "molen_jongeren", "Jongerenhonk De Zolder", "professional/social_work", "wiek",
        "Een eigen plek voor jongeren op de zolder van De Wiek. Met een pooltafel, muziek en "
        "een jongerenwerker om mee te praten.",
        org="buurtwerk", themes=("meeting",), groups=("young_people",),
        tags=(FREE, WALK_IN), hours=("WE,FR 19:00-22:00",), minimum_age=12, maximum_age=18,
        contact=("Kevin Ravenberg", "Jongerenwerker"),
    ),
    Entry(
        "molen_geldzorgen", "Praatgroep Rondkomen", "peer_group", "wiek",
        "Een groep voor mensen met geldzorgen. Je deelt tips om rond te komen en merkt dat "
        "je niet de enige bent. Wat je vertelt, blijft in de groep.",
        org="buurtwerk", themes=("paperwork", "mental_wellbeing"),
        groups=("extra_support",), tags=(LOW_STIMULUS, FREE, WHEELCHAIR),
        hours=("2TH,4TH 19:30-21:00",), how="Bel of mail eerst, dan weet je wie je ontmoet.",
        email="rondkomen@example.org", phone="Kennismaken",
    ),
    Entry(
        "molen_buurtteam", "Buurtteam Westerpark-Noord: inloopspreekuur",
        "professional/neighbourhood_team", "wiek",
        "Loop binnen met je vraag over geld, werk, wonen, opvoeden of je goed voelen. Het "
        "buurtteam denkt met je mee.",
        org="buurtteams", themes=("paperwork", "mental_wellbeing"),
        groups=("everyone", "extra_support"), tags=(WALK_IN, FREE, WHEELCHAIR, BRING),
        hours=("MO,TH 9:00-12:00",), contact=("Ilse Brouwer", "Sociaal werker buurtteam"),
    ),
    Entry(
        "molen_wijkagent", "Wijkagent Molenveld", "professional/police", "wiek",
        "De wijkagent van Molenveld is vaak op de fiets in de buurt. Spreek de agent gerust aan "
        "of kom naar het spreekuur. Bij spoed bel je 112.",
        org="politie", themes=("safety",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("WE 16:00-17:00",), contact=("Ricardo Tjong", "Wijkagent"),
    ),
    Entry(
        "molen_opbouwwerker", "Opbouwwerker Molenveld", "professional/social_work", "wiek",
        "De opbouwwerker helpt bewoners met plannen voor de buurt en brengt mensen met "
        "elkaar in contact.",
        org="buurtwerk", themes=("volunteering", "meeting"), tags=(FREE,),
        contact=("Anouk de Wit", "Opbouwwerker"),
    ),
    Entry(
        "molen_kinderboerderij", "Kinderboerderij De Ezelswei", "facility", "ezelswei",
        "Geiten, kippen, konijnen en twee ezels. De kinderboerderij draait op vrijwilligers.",
        themes=("nature",), groups=("everyone", "children"), tags=(FREE, WALK_IN, WHEELCHAIR),
        hours=("TU,WE,TH,FR,SA,SU 10:00-16:30",),
    ),
    Entry(
        "molen_dieren", "Dieren verzorgen op de kinderboerderij", "initiative", "ezelswei",
        "Help op zaterdagochtend mee met voeren en uitmesten. Rustig werk in de buitenlucht, "
        "met vaste taken.",
        themes=("nature", "volunteering"), groups=("everyone", "extra_support"),
        tags=(LOW_STIMULUS, FREE, BRING), hours=("SA 9:00-11:00",),
        how="Kom een keer kijken. Je mag meteen meedoen.",
    ),
    Entry(
        "molen_molen", "Molen Het Veld: rondleiding", "association/hobby_club", "molen",
        "Op zaterdag draait de molen en vertelt de molenaar hoe koren meel wordt. Je mag "
        "naar boven klimmen.",
        org="molen", themes=("learning", "nature"), tags=(FREE, WALK_IN, BRING),
        hours=("SA 10:00-16:00",), fees="Gratis. Een gift voor de molen mag.",
    ),
    Entry(
        "molen_molenwinkel", "Molenwinkel", "shop", "molen",
        "Meel, brood en koek van eigen molen. De opbrengst gaat naar het onderhoud.",
        org="molen", hours=("SA 10:00-16:00",),
    ),
    Entry(
        "molen_volkstuin", "Volkstuinvereniging De Korenaar", "association/hobby_club", "korenaar",
        "Veertig tuinen met groente en bloemen. Op zaterdagochtend zijn de tuinen open en "
        "kun je een kijkje nemen.",
        themes=("nature",), tags=(WALK_IN,), hours=("SA 9:00-12:00",),
        price="60.00", price_for="Huur van een tuin per jaar", email="dekorenaar@example.org",
    ),
    Entry(
        "molen_voetbal", "Voetbalvereniging VV Molenveld", "association/sports_club", "sportpark",
        "Voetbalclub voor jong en oud, met een gezellige kantine. Kinderen kunnen vier keer "
        "gratis meetrainen.",
        themes=("sports",), groups=("children", "young_people"), tags=(WHEELCHAIR,),
        hours=("TU,TH 18:00-21:00", "SA 9:00-16:00"), price="15.00",
        price_for="Contributie per maand (jeugd)", fees="Vraag naar de regeling voor weinig geld.",
        email="vvmolenveld@example.org", minimum_age=5,
    ),
    Entry(
        "molen_sportpark", "Sportpark Molenveld", "facility/sports_hall", "sportpark",
        "Twee voetbalvelden, een atletiekbaan en een beweegtuin. Buiten de trainingen mag "
        "iedereen de baan gebruiken.",
        org="sportbedrijf", themes=("sports",), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "molen_wandelclub", "Wandelclub De Molenlopers", "association/sports_club", "molen",
        "Elke zondagochtend wandelen we tien kilometer door de polder. We vertrekken bij de "
        "molen.",
        themes=("walking", "nature"), tags=(FREE, BRING), hours=("SU 9:30-11:30",),
    ),
    Entry(
        "molen_harmonie", "Muziekvereniging Harmonie Molenveld", "association/music_club", "wiek",
        "Blaasorkest met een leerlingenorkest. Instrumenten kun je lenen.",
        themes=("music",), hours=("WE 19:45-22:00",),
        price="12.00", price_for="Contributie per maand", email="harmonie@example.org",
    ),
    Entry(
        "molen_mis", "Sint-Jozefkerk: zondagsmis", "faith/church", "sintjozef",
        "Elke zondag een mis, met daarna koffie in het parochiezaaltje.",
        org="parochie", themes=("meeting",), tags=(FREE, WHEELCHAIR), hours=("SU 9:30-10:30",),
    ),
    Entry(
        "molen_soep", "Soep op Zaterdag", "faith/church", "sintjozef",
        "Op de eerste en derde zaterdag van de maand staat er soep klaar in het "
        "parochiezaaltje. Iedereen eet mee, gelovig of niet.",
        org="parochie", themes=("eating", "meeting"), groups=("everyone", "lonely"),
        tags=(FREE, WALK_IN, WHEELCHAIR, BRING), hours=("1SA,3SA 12:00-14:00",),
    ),
    Entry(
        "molen_school", "Basisschool Het Korenveld", "facility/school", "korenveld",
        "Basisschool met een schooltuin en een eigen kippenhok.",
        org="scholen", themes=("learning",), groups=("children",), tags=(WHEELCHAIR,),
        hours=("MO,TU,TH,FR 8:30-15:00", "WE 8:30-12:30"), minimum_age=4, maximum_age=12,
        phone="Administratie",
    ),
    Entry(
        "molen_huisarts", "Huisartsenpraktijk Molenzicht", "facility/gp", "molenzicht",
        "Huisartsenpraktijk met uitzicht op de molen. Ook voor een gesprek met de "
        "praktijkondersteuner.",
        themes=("health",), tags=(WHEELCHAIR,), hours=(f"{WEEKDAYS} 8:00-17:00",),
        how="Bel voor een afspraak. Bij spoed bel je 112.", phone="Afspraken",
    ),
    Entry(
        "molen_cafe", "Café De Molen", "shop/cafe", "cafe_molen",
        "Eetcafé met een terras aan de Molenwiek. Op de laatste donderdag van de maand is "
        "er een pubquiz.",
        themes=("meeting", "eating"), hours=("WE,TH,FR,SA,SU 12:00-23:00",),
    ),
    Entry(
        "molen_super", "Supermarkt Korenveld", "shop/supermarket", "super_koren",
        "Supermarkt met een koffiehoek bij de ingang, waar buren elkaar tegenkomen.",
        tags=(WHEELCHAIR,), hours=("MO,TU,WE,TH,FR,SA 8:00-21:00", "SU 12:00-18:00"),
    ),
    Entry(
        "molen_fiets", "Fietsenmaker De Spaak", "shop", "fiets",
        "Fietsenmaker met tweedehands fietsen. Nieuwe buurtbewoners krijgen korting.",
        themes=("repair",), hours=("TU,WE,TH,FR,SA 9:00-18:00",),
    ),
    Entry(
        "molen_naaicafe", "Naaicafé De Draad", "initiative/repair_cafe", "wiek",
        "Kleding korter maken, een rits vervangen of een knoop aanzetten. Naaimachines staan "
        "klaar.",
        themes=("repair", "crafts"), tags=(FREE, WALK_IN, WHEELCHAIR), hours=("3WE 13:00-16:00",),
    ),
    Entry(
        "molen_aantafel", "Buurtmaaltijd Aan Tafel!", "initiative/eating_cafe", "wiek",
        "Op de tweede donderdag van de maand koken vrijwilligers een stevige maaltijd. Aan "
        "tafel leer je je buren kennen.",
        themes=("eating", "meeting"), groups=("everyone", "older_people", "lonely"),
        tags=(WHEELCHAIR, BRING), hours=("2TH 18:00-20:00",),
        price="5.00", price_for="Maaltijd met toetje", how="Opgeven kan tot de maandag ervoor.",
    ),
    Entry(
        "molen_helpt", "Molenveld Helpt", "initiative/cooperative", "wiek",
        "Vrijwilligers rijden je naar het ziekenhuis, doen een boodschap of helpen met een "
        "klusje. Je betaalt alleen de benzine.",
        org="molenveld_helpt", themes=("practical", "volunteering"),
        groups=("older_people", "extra_support"), hours=(f"{WEEKDAYS} 9:00-11:00",),
        price="0.30", price_for="Per kilometer", phone="Hulp aanvragen, op werkdagen 9 tot 11",
    ),
    Entry(
        "molen_speeltuin", "Speeltuin Het Molenrad", "third_place/playground", "molenrad",
        "Grote speeltuin met een waterpomp, een kabelbaan en een picknicktafel.",
        groups=("children",), tags=(FREE,),
    ),
    Entry(
        "molen_park", "Molenpark", "third_place/park", "molenpark",
        "Park rond de molen met een wandelpad, een vlindertuin en veel bankjes.",
        themes=("nature", "walking"), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "molen_bank", "Bankje bij de molen", "third_place/bench", "molen_bank",
        "Bankje met uitzicht op de molen. Hier zitten vaak buren die even uitrusten van hun "
        "wandeling.",
        themes=("meeting",), groups=("everyone", "older_people"), tags=(FREE,),
    ),
    Entry(
        "molen_picknick", "Picknickbank Ezelspad", "third_place/bench", "picknick",
        "Picknickbank naast de ezelwei. Fijn om met kinderen te lunchen.",
        groups=("everyone", "children"), tags=(FREE,),
    ),
    Entry(
        "molen_pleintje", "Pleintje Korenveld", "third_place/square", "korenplein",
        "Klein plein tussen de huizen met een boom, twee bankjes en een tafeltennistafel.",
        themes=("meeting", "sports"), tags=(FREE, WHEELCHAIR),
    ),
    # --- Havenkwartier: new flats, the library and the self-help centre ---------------------
    Entry(
        "haven_bieb", "Bibliotheek Havenkwartier", "facility/library", "bieb",
        "Boeken, tijdschriften en kranten lenen of lezen. Er zijn computers, een leescafé "
        "en een stille studiezaal.",
        org="bieb", themes=("learning", "meeting"), tags=(WHEELCHAIR, WALK_IN, FREE),
        hours=(f"{WEEKDAYS} 10:00-18:00", "SA 10:00-16:00"),
        fees="Binnen lezen is gratis. Lenen is gratis tot 18 jaar.",
        phone="Vragen over lenen en activiteiten",
    ),
    Entry(
        "haven_prikkelarm", "Prikkelarm uur in de bibliotheek", "facility/library", "bieb",
        "Op zaterdag is de bibliotheek een uur eerder open, alleen voor wie rust zoekt. Het "
        "licht is zacht en er is geen geluid.",
        org="bieb", themes=("meeting", "mental_wellbeing"), groups=("everyone", "extra_support"),
        tags=(LOW_STIMULUS, WHEELCHAIR, FREE, WALK_IN), hours=("SA 9:00-10:00",),
    ),
    Entry(
        "haven_taalhuis", "Taalhuis: oefenen met Nederlands", "facility/library", "bieb",
        "Vrijwilligers helpen je met lezen, schrijven en praten in het Nederlands. Ook als je "
        "net begint.",
        org="bieb", themes=("dutch_language",), groups=("newcomers",),
        tags=(NO_DUTCH, FREE, WALK_IN, WHEELCHAIR), hours=("TU 10:00-12:00",),
        languages=(ENGLISH, ARABIC, UKRAINIAN, TIGRINYA),
    ),
    Entry(
        "haven_digicafe", "Digitaal Café: hulp met DigiD", "facility/library", "bieb",
        "Hulp met DigiD, de toeslagen, je mail of online formulieren. Neem je telefoon en je "
        "inloggegevens mee.",
        org="bieb", themes=("computer", "paperwork"), groups=("everyone", "older_people"),
        tags=(FREE, WALK_IN, WHEELCHAIR), hours=("TH 14:00-16:00",),
    ),
    Entry(
        "haven_voorlezen", "Voorleesochtend voor peuters", "facility/library", "bieb",
        "Een vrolijk prentenboek en een liedje. Daarna spelen de kinderen en drinken de "
        "ouders koffie.",
        org="bieb", themes=("learning", "meeting"), groups=("children",),
        tags=(FREE, WALK_IN, WHEELCHAIR, NO_DUTCH), hours=("WE 10:00-10:45",),
        maximum_age=4,
    ),
    Entry(
        "haven_steiger_inloop", "Inloop Zelfregiecentrum De Steiger", "experience/self_help",
        "steiger",
        "Een huiskamer waar je zelf bepaalt wat je doet: koffie drinken, praten, een "
        "spelletje of even niets. Ervaringsdeskundigen zijn er altijd.",
        org="steiger", themes=("recovery", "coffee"), groups=("extra_support", "lonely"),
        tags=(LOW_STIMULUS, WALK_IN, FREE, WHEELCHAIR), hours=("MO,TU,WE,TH 10:00-16:00",),
        phone="Tijdens de inloop",
    ),
    Entry(
        "haven_steiger_koken", "Kookgroep De Steiger", "experience/self_help", "steiger",
        "Samen boodschappen doen, koken en eten. Iedereen doet mee op zijn eigen manier.",
        org="steiger", themes=("eating", "recovery"), groups=("extra_support",),
        tags=(WHEELCHAIR, BRING), hours=("WE 16:00-19:00",),
        price="2.50", price_for="Maaltijd",
    ),
    Entry(
        "haven_steiger_schrijven", "Schrijfgroep Eigen Woorden", "experience/self_help", "steiger",
        "Schrijf over wat jou bezighoudt, in je eigen woorden. Voorlezen mag, hoeft niet.",
        org="steiger", themes=("creative", "recovery"), groups=("extra_support",),
        tags=(LOW_STIMULUS, FREE), hours=("FR 13:30-15:30",),
    ),
    Entry(
        "haven_steiger_grip", "Cursus Grip op je dag", "experience/self_help", "steiger",
        "Zes ochtenden over rust en ritme in je dag. Je maakt je eigen plan, met hulp van "
        "mensen die het zelf hebben meegemaakt.",
        org="steiger", themes=("recovery", "learning"), groups=("extra_support",),
        tags=(LOW_STIMULUS, FREE), hours=("TU 10:00-12:00",),
        how="Meld je aan bij de inloop of per mail.", email="desteiger@example.org",
    ),
    Entry(
        "haven_ouders_alleen", "Ouders Alleen", "peer_group", "kajuit",
        "Voor ouders die hun kinderen alleen opvoeden. Koffie, tips en begrip. De kinderen "
        "spelen in de kamer ernaast.",
        org="kajuit", themes=("coffee", "mental_wellbeing"),
        tags=(FREE, WALK_IN, BRING, WHEELCHAIR), hours=("1SA,3SA 10:00-12:00",),
    ),
    Entry(
        "haven_mannen", "Mannen onder elkaar", "peer_group", "steiger",
        "Een praatgroep voor mannen die het even zwaar hebben. Rustig, eerlijk en zonder "
        "oordeel. Er is koffie en soms een potje tafelvoetbal.",
        org="steiger", themes=("mental_wellbeing", "meeting"), groups=("men", "extra_support"),
        tags=(LOW_STIMULUS, FREE), hours=("2MO,4MO 19:30-21:30",),
    ),
    Entry(
        "haven_nieuw_in_nl", "Praatgroep Nieuw in Nederland", "peer_group", "bieb",
        "Nieuwe Nederlanders praten over hun eerste jaren hier: wat lastig is en wat helpt. "
        "Een tolk kan helpen.",
        org="bieb", themes=("meeting",), groups=("newcomers",),
        tags=(NO_DUTCH, FREE, WALK_IN, WHEELCHAIR), hours=("TH 10:00-12:00",),
        languages=(ARABIC, TIGRINYA, UKRAINIAN, ENGLISH),
    ),
    Entry(
        "haven_kajuit", "Buurtkamer De Kajuit", "initiative", "kajuit",
        "Een buurtkamer op de begane grond van de flat, beheerd door bewoners. Koffie, een "
        "spelletje of een puzzel.",
        org="kajuit", themes=("meeting", "coffee"), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("MO,WE,FR 10:00-15:00",),
    ),
    Entry(
        "haven_eetcafe", "Eetcafé De Kajuit", "initiative/eating_cafe", "kajuit",
        "Elke woensdag koken bewoners voor bewoners. Je eet voor weinig geld en je leert je "
        "buren kennen.",
        org="kajuit", themes=("eating", "meeting"), groups=("everyone", "lonely"),
        tags=(WHEELCHAIR, BRING), hours=("WE 17:30-19:30",),
        price="3.50", price_for="Maaltijd",
        how="Opgeven tot dinsdag, op de lijst in de buurtkamer.",
    ),
    Entry(
        "haven_buurttuin", "Buurttuin De Kade", "initiative/garden", "kajuit",
        "Moestuinbakken en geveltuintjes rond de flats. Bewoners zorgen er samen voor.",
        org="kajuit", themes=("nature", "volunteering"), tags=(FREE, WALK_IN),
        hours=("SA 10:00-12:00",),
    ),
    Entry(
        "haven_repair", "Repair Café De Kade", "initiative/repair_cafe", "wijkzaal",
        "Op de derde zaterdag van de maand repareren vrijwilligers je spullen. Koffie staat "
        "klaar terwijl je wacht.",
        themes=("repair",), tags=(FREE, WALK_IN, WHEELCHAIR), hours=("3SA 10:00-13:00",),
    ),
    Entry(
        "haven_geldhulp", "Geldhulp van buren", "initiative", "bieb",
        "Een getrainde vrijwilliger helpt je een jaar lang met je post, je rekeningen en "
        "overzicht in je geld.",
        themes=("paperwork",), groups=("extra_support",), tags=(FREE,),
        hours=("FR 10:00-12:00",), how="Bel of mail voor een eerste gesprek.",
        email="geldhulp@example.org", phone="Eerste gesprek aanvragen",
    ),
    Entry(
        "haven_anker", "IKC Het Anker", "facility/school", "anker",
        "Kindcentrum met een basisschool, kinderopvang en buitenschoolse opvang.",
        org="scholen", themes=("learning",), groups=("children",), tags=(WHEELCHAIR,),
        hours=(f"{WEEKDAYS} 7:30-18:30",), maximum_age=12, phone="Administratie",
    ),
    Entry(
        "haven_ouderkoffie", "Koffie voor ouders in Het Anker", "facility/school", "anker",
        "Elke woensdag na het brengen drinken ouders koffie in de aula. Een tolk is er vaak "
        "bij.",
        org="scholen", themes=("coffee", "meeting"), groups=("everyone", "newcomers"),
        tags=(NO_DUTCH, FREE, WALK_IN, WHEELCHAIR), hours=("WE 8:30-9:30",),
        languages=(ARABIC, POLISH, ENGLISH),
    ),
    Entry(
        "haven_gc", "Gezondheidscentrum Aan de Kade", "facility/gp", "gc_kade",
        "Huisartsen en een apotheek in één gebouw. De assistentes spreken ook Engels.",
        org="gc_kade", themes=("health",), tags=(WHEELCHAIR,),
        hours=(f"{WEEKDAYS} 8:00-17:00",), languages=(ENGLISH,),
        how="Bel voor een afspraak. Bij spoed bel je 112.", phone="Afspraken",
    ),
    Entry(
        "haven_sportveld", "Sportveld Havenkwartier", "facility/sports_hall", "sportveld",
        "Kunstgrasveld met een basketbalveld en een skatebaan. Na schooltijd vrij te "
        "gebruiken.",
        org="sportbedrijf", themes=("sports",), groups=("children", "young_people"), tags=(FREE,),
    ),
    Entry(
        "haven_sportcoach", "Buurtsportcoach Havenkwartier", "professional", "sportveld",
        "De buurtsportcoach helpt je een sport te vinden die bij je past. Op maandag en "
        "woensdag sport hij met kinderen op het veld.",
        org="sportbedrijf", themes=("sports",), groups=("everyone", "children"),
        tags=(FREE, WALK_IN), hours=("MO,WE 15:30-17:30",),
        contact=("Omar Haddad", "Buurtsportcoach"),
    ),
    Entry(
        "haven_roeien", "Roeivereniging De Sloep", "association/sports_club", "botenhuis",
        "Roeien op het water achter de kade. Je eerste les is gratis.",
        themes=("sports", "nature"), hours=("SA 9:00-12:00", "WE 19:00-21:00"),
        price="25.00", price_for="Contributie per maand", email="desloep@example.org",
        minimum_age=12,
    ),
    Entry(
        "haven_fotoclub", "Fotoclub Havenlicht", "association/hobby_club", "bieb",
        "Samen op pad met de camera of je telefoon. We bespreken elkaars foto's.",
        themes=("creative",), tags=(WHEELCHAIR,), hours=("2TU,4TU 20:00-22:00",),
        price="4.00", price_for="Per avond",
    ),
    Entry(
        "haven_kerk", "Evangelische Gemeente De Haven", "faith/church", "wijkzaal",
        "Een jonge kerk met diensten in het Nederlands en het Engels. Na de dienst is er "
        "lunch.",
        org="haven_kerk", themes=("meeting",), tags=(FREE, NO_DUTCH, WHEELCHAIR, BRING),
        hours=("SU 10:30-12:00",), languages=(ENGLISH,),
    ),
    Entry(
        "haven_koffiebar", "Koffiebar De Kade", "shop/cafe", "koffiebar",
        "Koffiebar aan het water met grote tafels. Veel buren werken of lezen hier.",
        themes=("coffee",), tags=(WHEELCHAIR,), hours=("MO,TU,WE,TH,FR,SA,SU 8:00-18:00",),
    ),
    Entry(
        "haven_super", "Supermarkt Kadeplein", "shop/supermarket", "super_kade",
        "Grote supermarkt aan het plein.",
        tags=(WHEELCHAIR,), hours=("MO,TU,WE,TH,FR,SA 7:00-22:00", "SU 10:00-20:00"),
    ),
    Entry(
        "haven_kapper", "Kapper Anker", "shop/hairdresser", "kapper_anker",
        "Kapper en barbier. Binnenlopen kan, maar op zaterdag is een afspraak handig.",
        tags=(WALK_IN,), hours=("TU,WE,TH,FR 9:00-18:00", "SA 9:00-16:00"),
    ),
    Entry(
        "haven_visboer", "Viskraam op de kade", "shop", "kadeplein",
        "Elke vrijdag staat de viskraam op het Kadeplein. Een broodje haring eet je aan de "
        "statafel.",
        hours=("FR 9:00-17:00",),
    ),
    Entry(
        "haven_wijkagent", "Wijkagent Havenkwartier", "professional/police", "bieb",
        "De wijkagent houdt spreekuur in de bibliotheek. Bij spoed bel je 112.",
        org="politie", themes=("safety",), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("TU 15:00-16:00",), contact=("Mehmet Kaya", "Wijkagent"),
    ),
    Entry(
        "haven_huurderspunt", "Huurderspunt Woongoed", "professional/housing", "huurderspunt",
        "Voor vragen over je huis, je huur of je buren. De woonconsulent helpt je, ook als "
        "je achter bent met de huur.",
        org="woongoed", themes=("housing_theme", "paperwork"), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("TU,TH 9:00-12:00",), contact=("Priya Ramdin", "Woonconsulent"),
    ),
    Entry(
        "haven_buurtteam", "Buurtteam Westerpark-Noord in de bibliotheek",
        "professional/neighbourhood_team", "bieb",
        "Het buurtteam zit op woensdagmiddag in de bibliotheek. Je kunt zonder afspraak "
        "langskomen.",
        org="buurtteams", themes=("paperwork", "mental_wellbeing"),
        groups=("everyone", "extra_support"), tags=(WALK_IN, FREE, WHEELCHAIR),
        hours=("WE 13:00-15:00",), contact=("Ilse Brouwer", "Sociaal werker buurtteam"),
    ),
    Entry(
        "haven_opbouwwerker", "Opbouwwerker Havenkwartier", "professional/social_work", "kajuit",
        "De opbouwwerker helpt nieuwe en oude bewoners elkaar te leren kennen, bijvoorbeeld "
        "met een welkomstborrel.",
        org="buurtwerk", themes=("meeting", "volunteering"), groups=("everyone", "newcomers"),
        tags=(FREE,), contact=("Lotte van Beek", "Opbouwwerker"),
    ),
    Entry(
        "haven_kadeplein", "Kadeplein", "third_place/square", "kadeplein",
        "Het plein aan het water, met trappen om op te zitten en in de zomer een fontein "
        "voor kinderen.",
        themes=("meeting",), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "haven_waterbank", "Bankjes aan het water", "third_place/bench", "water_bank",
        "Een rij bankjes langs de kade. Mooi bij zonsondergang.",
        themes=("meeting",), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "haven_boei", "Speelplek De Boei", "third_place/playground", "boei",
        "Speelplek op de binnenplaats van de flats, met een klimschip.",
        groups=("children",), tags=(FREE,), maximum_age=10,
    ),
    Entry(
        "haven_park", "Havenpark", "third_place/park", "havenpark",
        "Nieuw park met jonge bomen, een hondenveld en een rondje van één kilometer.",
        themes=("nature", "walking"), tags=(FREE, WHEELCHAIR),
    ),
    Entry(
        "haven_stilteplek", "Stilteplek in het Havenpark", "third_place/bench", "havenpark",
        "Een bankje tussen het riet, uit de wind en weg van de drukte. Een fijne plek om even "
        "tot rust te komen.",
        themes=("nature", "mental_wellbeing"), tags=(FREE, LOW_STIMULUS),
    ),
    # --- Drafts: not public yet ----------------------------------------------------------------
    Entry(
        "kersen_stiltecafe", "Stiltecafé Kersenbuurt (in voorbereiding)", "initiative", "bloesem",
        "Bewoners willen op maandagochtend een rustig koffie-uur in de buurtkamer beginnen: "
        "zonder muziek en met een kleine groep.",
        org="coop_kersen", themes=("coffee", "mental_wellbeing"),
        tags=(LOW_STIMULUS, FREE, WALK_IN), hours=("MO 9:30-11:00",),
    ),
    Entry(
        "linde_mannenkoken", "Kookworkshop voor mannen", "facility/community_centre", "linde",
        "Vier avonden leren koken met wat de markt te bieden heeft.",
        org="buurtwerk", themes=("eating", "learning"), groups=("men",),
        hours=("TU 18:00-20:30",), price="10.00", price_for="Vier avonden samen",
    ),
    Entry(
        "molen_jonge_mantelzorgers", "Praatgroep jonge mantelzorgers", "peer_group", "wiek",
        "Voor jongeren die thuis zorgen voor een ouder, broer of zus.",
        org="buurtwerk", themes=("mental_wellbeing",), groups=("young_people", "carers"),
        tags=(FREE,), minimum_age=12, maximum_age=23,
    ),
    Entry(
        "haven_zwemmen", "Zwemmen voor vrouwen", "association/sports_club", "sportveld",
        "Zwemles en vrij zwemmen, alleen voor vrouwen. We zoeken nog een zwembad.",
        themes=("sports",), groups=("women",), tags=(NO_DUTCH,),
    ),
)
# fmt: on

DRAFTS = frozenset(
    {"kersen_stiltecafe", "linde_mannenkoken", "molen_jonge_mantelzorgers", "haven_zwemmen"}
)
#: Entries nobody checked for more than a year: the detail page warns about them.
STALE = frozenset(
    {
        "linde_schaak",
        "linde_kapper",
        "linde_praatbank",
        "kersen_bakker",
        "kersen_biljart",
        "kersen_trapveld",
        "molen_koersbal",
        "molen_fiets",
        "molen_picknick",
        "haven_kapper",
        "haven_visboer",
    }
)
#: (entry, the notice shown on it)
TEMPORARILY_CLOSED = {
    "kersen_kringloop": "De winkel is dicht door een verbouwing. Tot ziens in het voorjaar!",
    "molen_speeltuin": "De speeltuin krijgt nieuwe toestellen en is een paar maanden dicht.",
    "haven_fotoclub": "De fotoclub zoekt een nieuwe ruimte. Tot die tijd zijn er geen avonden.",
}


@dataclass(frozen=True)
class SuggestionSpec:
    neighbourhood: str
    entry: str | None = None  # a correction to this entry; otherwise a new entry
    name: str = ""
    kind: str = ""
    description: str = ""
    address: str = ""
    how_to_reach: str = ""
    message: str = ""


#: What the demo resident (Noor Achterberg, Lindehof) sent in and a coordinator still has
#: to look at.
SUGGESTIONS: tuple[SuggestionSpec, ...] = (
    SuggestionSpec(
        LINDEHOF,
        name="Boekenruilkast Lindelaan",
        kind=Kind.INITIATIVE,
        description=(
            "Bij Lindelaan 30 staat sinds kort een kastje met boeken. Je mag er boeken in "
            "zetten en uit halen. Er staat ook een stoeltje bij."
        ),
        address="Lindelaan 30",
    ),
    SuggestionSpec(
        KERSENBUURT,
        name="Bankje bij de moestuin",
        kind=Kind.THIRD_PLACE,
        description=(
            "Bij de ingang van de moestuin staat een nieuw bankje. Het is er rustig, fijn om "
            "even te zitten."
        ),
        address="Boomgaardlaan 60",
    ),
    SuggestionSpec(
        LINDEHOF,
        entry="linde_repair",
        message=(
            "Het Repair Café is vanaf januari op de tweede zaterdag van de maand, niet meer "
            "op de eerste. Dat stond in de buurtkrant."
        ),
    ),
    SuggestionSpec(
        LINDEHOF,
        entry="linde_wijkagent",
        message="Het spreekuur van de wijkagent is nu op donderdag van 17 tot 18 uur.",
    ),
)


# --- Building ---------------------------------------------------------------------------------
@dataclass
class DirectoryDemoResult:
    entries: int = 0  # published demo entries
    drafts: int = 0
    created: int = 0  # entries created in this run (published or draft)
    suggestions_created: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_neighbourhood: dict[str, int] = field(default_factory=dict)


@dataclass
class _Plan:
    organizations: list[Organization] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    # Rows that belong to one entry, with that entry's id: made only with the entry.
    children: list[tuple[uuid.UUID, models.Model]] = field(default_factory=list)


#: Creation order of the rows that belong to an entry (a phone can belong to a contact).
CHILD_MODELS: tuple[type[models.Model], ...] = (
    ServiceAtLocation,
    Contact,
    Phone,
    ServiceLanguage,
    Schedule,
    CostOption,
    Attribute,
    ChangeRecord,
)


def demo_id(*parts: str) -> uuid.UUID:
    """The stable id of a demo record, e.g. ``demo_id("service", "linde_lunch")``."""
    return stable_uuid("demo", *parts)


def _term_id(slug: str, code: str) -> uuid.UUID:
    return stable_uuid("term", slug, code)


def _say(stdout: Any, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def _time(text: str) -> datetime.time:
    hour, minute = text.split(":")
    return datetime.time(int(hour), int(minute))


def parse_hours(text: str) -> tuple[str, str, datetime.time, datetime.time]:
    """'MO,WE 9:00-12:00' → ("WEEKLY", "MO,WE", 9:00, 12:00); '1TU …' is MONTHLY."""
    days, span = text.split(" ")
    opens, closes = span.split("-")
    freq = "MONTHLY" if any(ch.isdigit() for ch in days) else "WEEKLY"
    return freq, days, _time(opens), _time(closes)


def _kind(entry: Entry) -> tuple[str, str]:
    """(Kind value, code of the most specific kind term)."""
    kind, _slash, sub = entry.kind.partition("/")
    return Kind(kind).value, sub or kind


def _terms(entry: Entry) -> list[tuple[str, str]]:
    return [
        (taxonomy.KIND, _kind(entry)[1]),
        *((taxonomy.THEME, code) for code in entry.themes),
        *((taxonomy.TARGET_GROUP, code) for code in entry.groups),
        *((taxonomy.INCLUSION, code) for code in entry.tags),
    ]


def _christmas_break(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    year = today.year if today <= datetime.date(today.year, 12, 26) else today.year + 1
    return datetime.date(year, 12, 24), datetime.date(year + 1, 1, 1)


def _kings_day(today: datetime.date) -> datetime.date:
    year = today.year if today <= datetime.date(today.year, 4, 27) else today.year + 1
    day = datetime.date(year, 4, 27)
    # On a Sunday the Netherlands celebrates on Saturday the 26th.
    return day - datetime.timedelta(days=1) if day.weekday() == 6 else day


def _email_for(name: str) -> str:
    first, *rest = name.split()
    local = f"{first[0]}.{''.join(rest)}".lower()
    return "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch == ".")) + (
        "@example.org"
    )


LETTER_PAIRS = [
    a + b for a in POSTCODE_LETTERS for b in POSTCODE_LETTERS if a + b not in {"SA", "SD", "SS"}
]


def _plan(
    *,
    today: datetime.date,
    municipality: Municipality,
    neighbourhoods: dict[str, Neighbourhood],
    coordinator: Any,
) -> _Plan:
    """Every demo row, unsaved, with its stable id. The same on every run of the same day."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    plan = _Plan()
    orgs = {org.key: org for org in ORGS}
    places = {place.key: place for place in PLACES}
    centres = {code: (float(lat), float(lon)) for code, _name, lat, lon, *_rest in NEIGHBOURHOODS}

    for org in ORGS:
        plan.organizations.append(
            Organization(
                id=demo_id("organization", org.key),
                name=org.name,
                description=org.description,
                email=org.email,
                website=org.website,
                legal_status=org.legal_status,
                municipality=municipality,
            )
        )
    for place in PLACES:
        lat, lon = centres[place.neighbourhood]
        location = Location(
            id=demo_id("location", place.key),
            organization_id=demo_id("organization", place.org) if place.org else None,
            location_type=LocationType.PHYSICAL,
            name=place.name,
            description=place.description,
            transportation=place.transportation,
            latitude=round(lat + rng.uniform(-JITTER, JITTER), 6),
            longitude=round(lon + rng.uniform(-JITTER, JITTER), 6),
            neighbourhood=neighbourhoods[place.neighbourhood],
        )
        plan.locations.append(location)
        plan.addresses.append(
            Address(
                id=demo_id("address", place.key),
                location_id=location.id,
                address_1=place.street,
                city=CITY,
                postal_code=f"{STREETS[place.neighbourhood][1]} {rng.choice(LETTER_PAIRS)}",
                country="NL",
                address_type=LocationType.PHYSICAL,
            )
        )

    christmas = _christmas_break(today)
    kings_day = _kings_day(today)
    landlines = iter(range(101, 1000))
    mobiles: dict[str, str] = {}
    assurer = "sociale-kaart@omzienstad.invalid"
    for entry in ENTRIES:
        place = places[entry.place]
        owner = orgs[entry.org] if entry.org else None
        kind, _code = _kind(entry)
        checked_days_ago = rng.randint(400, 700) if entry.key in STALE else rng.randint(3, 330)
        draft = entry.key in DRAFTS
        service = Service(
            id=demo_id("service", entry.key),
            organization_id=demo_id("organization", owner.key) if owner else None,
            kind=kind,
            publication=Publication.DRAFT if draft else Publication.PUBLISHED,
            name=entry.name,
            description=entry.description,
            url=owner.website if owner else "",
            email=entry.email or (owner.email if owner else ""),
            status=(
                ServiceStatus.TEMPORARILY_CLOSED
                if entry.key in TEMPORARILY_CLOSED
                else ServiceStatus.ACTIVE
            ),
            alert=TEMPORARILY_CLOSED.get(entry.key, ""),
            application_process=entry.how,
            fees_description=entry.fees,
            eligibility_description=entry.who,
            minimum_age=entry.minimum_age,
            maximum_age=entry.maximum_age,
            assured_date=None if draft else today - datetime.timedelta(days=checked_days_ago),
            assurer_email="" if draft else assurer,
            created_by=coordinator,
        )
        plan.services.append(service)
        sid = service.id

        def child(row: models.Model, sid: uuid.UUID = sid) -> None:
            plan.children.append((sid, row))

        child(
            ServiceAtLocation(
                id=demo_id("sal", entry.key),
                service_id=sid,
                location_id=demo_id("location", place.key),
            )
        )
        if entry.contact:
            name, title = entry.contact
            contact = Contact(
                id=demo_id("contact", entry.key),
                service_id=sid,
                name=name,
                title=title,
                email=_email_for(name),
            )
            child(contact)
            number = mobiles.setdefault(name, f"06-00000{101 + len(mobiles):03d}")
            child(
                Phone(
                    id=demo_id("phone", entry.key, "contact"),
                    contact_id=contact.id,
                    number=number,
                    type="cell",
                )
            )
        if entry.phone:
            child(
                Phone(
                    id=demo_id("phone", entry.key),
                    service_id=sid,
                    number=f"010-0000{next(landlines):03d}",
                    type="voice",
                    description=entry.phone,
                )
            )
        for code, language in entry.languages:
            child(
                ServiceLanguage(
                    id=demo_id("language", entry.key, code),
                    service_id=sid,
                    name=language,
                    code=code,
                )
            )
        for index, text in enumerate(entry.hours):
            freq, days, opens, closes = parse_hours(text)
            child(
                Schedule(
                    id=demo_id("schedule", entry.key, str(index)),
                    service_id=sid,
                    for_service_id=sid,
                    kind=ScheduleKind.REGULAR,
                    freq=freq,
                    byday=days,
                    opens_at=opens,
                    closes_at=closes,
                )
            )
        if entry.hours and "x" in place.holidays:
            child(
                Schedule(
                    id=demo_id("schedule", entry.key, "christmas"),
                    service_id=sid,
                    for_service_id=sid,
                    kind=ScheduleKind.CLOSED,
                    valid_from=christmas[0],
                    valid_to=christmas[1],
                    description="Gesloten in de kerstvakantie",
                )
            )
        if entry.hours and "k" in place.holidays:
            child(
                Schedule(
                    id=demo_id("schedule", entry.key, "kings_day"),
                    service_id=sid,
                    for_service_id=sid,
                    kind=ScheduleKind.CLOSED,
                    valid_from=kings_day,
                    valid_to=kings_day,
                    description="Gesloten op Koningsdag",
                )
            )
        if entry.price is not None:
            child(
                CostOption(
                    id=demo_id("cost", entry.key),
                    service_id=sid,
                    option=entry.price_for,
                    amount=Decimal(entry.price),
                )
            )
        elif FREE in entry.tags:
            child(
                CostOption(
                    id=demo_id("cost", entry.key),
                    service_id=sid,
                    option="Meedoen",
                    amount=Decimal("0"),
                    amount_description="Gratis",
                )
            )
        for slug, code in _terms(entry):
            child(
                Attribute(
                    id=demo_id("attribute", entry.key, slug, code),
                    taxonomy_term_id=_term_id(slug, code),
                    link_entity=LinkEntity.SERVICE,
                    link_id=sid,
                    link_type="classification",
                )
            )
        for record in _history(entry, service, today, rng, coordinator):
            child(record)
    return plan


def _history(
    entry: Entry,
    service: Service,
    today: datetime.date,
    rng: random.Random,
    coordinator: Any,
) -> list[ChangeRecord]:
    """A few earlier changes, so the change history of some entries is not empty."""
    tz = timezone.get_current_timezone()
    days_ago = rng.randint(5, 45)
    when = datetime.datetime.combine(
        today - datetime.timedelta(days=days_ago), datetime.time(10, 15), tzinfo=tz
    )
    changes: list[tuple[str, str, str, str]] = []  # (action, field, before, after)
    if entry.key in DRAFTS:
        changes = [("create", "name", "", entry.name), ("create", "kind", "", service.kind)]
    elif entry.key in TEMPORARILY_CLOSED:
        changes = [
            ("update", "status", ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED),
            ("update", "alert", "", TEMPORARILY_CLOSED[entry.key]),
        ]
    elif entry.key in {"linde_buurthuis", "kersen_buurtkamer", "molen_wiek"}:
        assured = service.assured_date
        assert assured is not None  # noqa: S101 - published demo entries are all checked
        earlier = assured - datetime.timedelta(days=rng.randint(300, 400))
        when = datetime.datetime.combine(assured, datetime.time(14, 30), tzinfo=tz)
        changes = [("update", "assured_date", earlier.isoformat(), assured.isoformat())]
    elif entry.key == "haven_bieb":
        changes = [
            (
                "update",
                "schedules",
                "regular MO,TU,WE,TH,FR 10:00:00-17:00:00 ..",
                "regular MO,TU,WE,TH,FR 10:00:00-18:00:00 ..",
            )
        ]
    elif entry.key == "linde_lunch":
        changes = [
            (
                "update",
                "description",
                "Elke dinsdag staat er soep en brood klaar.",
                entry.description,
            ),
            ("update", "classification", "Samen eten", "Samen eten, Ontmoeten"),
        ]
    updated_by = coordinator.get_full_name() if coordinator is not None else "system"
    return [
        ChangeRecord(
            id=demo_id("change", entry.key, field_name),
            resource_type="service",
            resource_id=service.id,
            last_action_date=when,
            last_action_type=action,
            field_name=field_name,
            previous_value=str(before),
            replacement_value=str(after),
            updated_by=updated_by,
            user=coordinator,
        )
        for action, field_name, before, after in changes
    ]


def _missing(model: type[models.Model], rows: Iterable[models.Model]) -> list[Any]:
    rows = list(rows)
    have = set(
        model._default_manager.filter(pk__in=[r.pk for r in rows]).values_list("pk", flat=True)
    )
    return [row for row in rows if row.pk not in have]


def _save(plan: _Plan) -> list[uuid.UUID]:
    """Create what is missing. Returns the ids of the entries created."""
    Organization.objects.bulk_create(_missing(Organization, plan.organizations))
    locations = _missing(Location, plan.locations)
    Location.objects.bulk_create(locations)
    new_locations = {location.id for location in locations}
    Address.objects.bulk_create([a for a in plan.addresses if a.location_id in new_locations])
    services = _missing(Service, plan.services)
    Service.objects.bulk_create(services)
    new_services = {service.id for service in services}
    for model in CHILD_MODELS:
        rows = [row for sid, row in plan.children if sid in new_services and type(row) is model]
        model._default_manager.bulk_create(rows, batch_size=500)
    return [service.id for service in services]


def _save_postcode_areas() -> int:
    areas = [
        PostcodeArea(
            postcode=STREETS[code][1],
            latitude=float(lat),
            longitude=float(lon),
            name=f"{name}, {CITY}",
        )
        for code, name, lat, lon, *_rest in NEIGHBOURHOODS
    ]
    missing = _missing(PostcodeArea, areas)
    PostcodeArea.objects.bulk_create(missing)
    return len(missing)


def _save_suggestions(resident: Any, neighbourhoods: dict[str, Neighbourhood]) -> int:
    if resident is None:
        return 0
    created = 0
    for spec in SUGGESTIONS:
        service = None
        if spec.entry:
            service = Service.objects.filter(id=demo_id("service", spec.entry)).first()
            if service is None:
                continue
        already = Suggestion.objects.filter(
            submitted_by=resident,
            suggestion_type=SuggestionKind.CORRECTION if service else SuggestionKind.NEW,
            service=service,
            name=spec.name,
        )
        if already.exists():
            continue
        suggestion_submit(
            user=resident,
            neighbourhood=neighbourhoods[spec.neighbourhood],
            service=service,
            name=spec.name,
            kind=spec.kind,
            description=spec.description,
            address=spec.address,
            how_to_reach=spec.how_to_reach,
            message=spec.message,
        )
        created += 1
    return created


def _check_terms() -> None:
    wanted = {
        _term_id(slug, code): f"{slug}:{code}" for entry in ENTRIES for slug, code in _terms(entry)
    }
    found = set(TaxonomyTerm.objects.filter(id__in=list(wanted)).values_list("id", flat=True))
    missing = sorted(label for term_id, label in wanted.items() if term_id not in found)
    if missing:
        raise RuntimeError(f"Taxonomy terms missing (run the migrations): {', '.join(missing)}")


def _demo_user(role: str) -> Any:
    email = next(spec.email for spec in ACCOUNTS if spec.role == role)
    return get_user_model().objects.filter(email__iexact=email).first()


@transaction.atomic
def build_directory_demo(*, stdout: Any = None) -> DirectoryDemoResult:
    """Fill the social map of the demo municipality (run ``build_demo`` first)."""
    codes = [row[0] for row in NEIGHBOURHOODS]
    municipality = Municipality.objects.filter(code=MUNICIPALITY_CODE).first()
    neighbourhoods = {n.code: n for n in Neighbourhood.objects.filter(code__in=codes)}
    if municipality is None or len(neighbourhoods) != len(codes):
        raise RuntimeError(
            "The demo municipality is missing: run omzien.people.demo.build_demo() first."
        )
    _check_terms()
    coordinator = _demo_user(Role.COORDINATOR)
    plan = _plan(
        today=timezone.localdate(),
        municipality=municipality,
        neighbourhoods=neighbourhoods,
        coordinator=coordinator,
    )
    created = _save(plan)
    if created:
        refresh_services(created)
    areas = _save_postcode_areas()
    suggestions = _save_suggestions(_demo_user(Role.RESIDENT), neighbourhoods)

    demo_services = Service.objects.filter(id__in=[s.id for s in plan.services])
    published = demo_services.filter(publication=Publication.PUBLISHED)
    names = {n.pk: n.name for n in neighbourhoods.values()}
    result = DirectoryDemoResult(
        entries=published.count(),
        drafts=demo_services.filter(publication=Publication.DRAFT).count(),
        created=len(created),
        suggestions_created=suggestions,
        by_kind=dict(Counter(published.values_list("kind", flat=True))),
        by_neighbourhood=dict(
            Counter(names.get(pk, "-") for pk in published.values_list("neighbourhood", flat=True))
        ),
    )
    _say(
        stdout,
        f"Sociale kaart: {len(created)} plekken en activiteiten, {areas} postcodegebieden en "
        f"{suggestions} suggesties aangemaakt.",
    )
    return result

"""The starter vocabulary for talents, interests and wishes, and the languages list.

Two levels: a broad term and narrower ones. Keys (slugs) are stable: other apps and the API
refer to them. Edit labels freely; add terms with new keys.
"""

from __future__ import annotations

from typing import Any

# (key, Dutch, English, [(key, Dutch, English), ...])
TERMS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "cooking",
        "Koken",
        "Cooking",
        [
            ("cooking-baking", "Bakken", "Baking"),
            ("cooking-for-others", "Koken voor anderen", "Cooking for others"),
            ("cooking-world", "Gerechten uit andere landen", "Dishes from other countries"),
        ],
    ),
    (
        "gardening",
        "Tuinieren",
        "Gardening",
        [
            ("gardening-vegetables", "Groente kweken", "Growing vegetables"),
            ("gardening-plants", "Planten verzorgen", "Looking after plants"),
            ("gardening-community", "Buurttuin", "Community garden"),
        ],
    ),
    (
        "odd-jobs",
        "Klussen",
        "Odd jobs",
        [
            ("odd-jobs-repair", "Dingen repareren", "Repairing things"),
            ("odd-jobs-bikes", "Fietsen maken", "Fixing bikes"),
            ("odd-jobs-painting", "Schilderen en behangen", "Painting and decorating"),
        ],
    ),
    (
        "computer-help",
        "Computerhulp",
        "Computer help",
        [
            ("computer-help-phone", "Hulp met telefoon of tablet", "Help with phone or tablet"),
            ("computer-help-digid", "DigiD en online formulieren", "DigiD and online forms"),
        ],
    ),
    (
        "company",
        "Gezelschap en bezoek",
        "Company and visits",
        [
            ("company-coffee", "Samen koffie drinken", "Having coffee together"),
            ("company-visit", "Op bezoek gaan", "Visiting someone"),
            ("company-listening", "Een luisterend oor", "A listening ear"),
        ],
    ),
    (
        "walking",
        "Wandelen",
        "Walking",
        [
            ("walking-group", "Wandelgroep", "Walking group"),
            ("walking-dog", "Hond uitlaten", "Walking a dog"),
        ],
    ),
    (
        "music",
        "Muziek",
        "Music",
        [
            ("music-singing", "Zingen", "Singing"),
            ("music-instrument", "Een instrument spelen", "Playing an instrument"),
            ("music-listening", "Naar muziek luisteren", "Listening to music"),
        ],
    ),
    ("photography", "Fotografie", "Photography", []),
    (
        "dutch-practice",
        "Nederlands oefenen",
        "Practising Dutch",
        [
            ("dutch-practice-talk", "Samen praten in het Nederlands", "Talking together in Dutch"),
            ("dutch-practice-reading", "Samen lezen", "Reading together"),
        ],
    ),
    (
        "paperwork",
        "Papierwerk en post",
        "Paperwork and mail",
        [
            (
                "paperwork-letters",
                "Brieven lezen en begrijpen",
                "Reading and understanding letters",
            ),
            ("paperwork-money", "Geldzaken op orde", "Keeping money matters in order"),
        ],
    ),
    (
        "shopping",
        "Boodschappen",
        "Shopping",
        [
            ("shopping-together", "Samen boodschappen doen", "Shopping together"),
            ("shopping-for-someone", "Boodschappen voor iemand doen", "Shopping for someone"),
        ],
    ),
    (
        "transport",
        "Vervoer",
        "Transport",
        [
            ("transport-driving", "Iemand rijden met de auto", "Driving someone"),
            ("transport-accompany", "Meegaan naar een afspraak", "Going along to an appointment"),
        ],
    ),
    (
        "animals",
        "Dieren",
        "Animals",
        [
            ("animals-care", "Dieren verzorgen", "Looking after animals"),
            ("animals-petting-farm", "Kinderboerderij", "Petting farm"),
        ],
    ),
    (
        "crafts",
        "Handwerk en creatief",
        "Crafts and creative work",
        [
            ("crafts-knitting", "Breien en haken", "Knitting and crochet"),
            ("crafts-sewing", "Naaien", "Sewing"),
            ("crafts-drawing", "Tekenen en schilderen", "Drawing and painting"),
            ("crafts-woodwork", "Houtbewerking", "Woodwork"),
        ],
    ),
    (
        "sports",
        "Sport en bewegen",
        "Sports and exercise",
        [
            ("sports-football", "Voetbal", "Football"),
            ("sports-swimming", "Zwemmen", "Swimming"),
            ("sports-cycling", "Fietsen", "Cycling"),
            ("sports-yoga", "Yoga en ontspanning", "Yoga and relaxation"),
        ],
    ),
    (
        "games",
        "Spelletjes",
        "Games",
        [
            ("games-cards", "Kaarten", "Card games"),
            ("games-board", "Bordspellen", "Board games"),
            ("games-chess", "Schaken en dammen", "Chess and draughts"),
        ],
    ),
    (
        "children",
        "Kinderen",
        "Children",
        [
            ("children-homework", "Huiswerkhulp", "Homework help"),
            ("children-play", "Spelen met kinderen", "Playing with children"),
        ],
    ),
    (
        "hosting",
        "Gastvrouw of gastheer zijn",
        "Being a host",
        [
            ("hosting-coffee", "Koffie en thee schenken", "Pouring coffee and tea"),
            ("hosting-welcome", "Nieuwe mensen welkom heten", "Welcoming newcomers"),
            ("hosting-table", "Tafel dekken", "Setting the table"),
        ],
    ),
    (
        "languages-skill",
        "Talen",
        "Languages",
        [
            ("languages-translate", "Vertalen of tolken", "Translating or interpreting"),
        ],
    ),
    (
        "reading-writing",
        "Lezen en schrijven",
        "Reading and writing",
        [
            ("reading-books", "Boeken lezen", "Reading books"),
            ("writing-stories", "Verhalen schrijven", "Writing stories"),
        ],
    ),
    (
        "nature",
        "Natuur",
        "Nature",
        [
            ("nature-cleanup", "Zwerfafval opruimen", "Picking up litter"),
            ("nature-birds", "Vogels kijken", "Bird watching"),
        ],
    ),
    (
        "culture",
        "Cultuur",
        "Culture",
        [
            ("culture-museum", "Museum bezoeken", "Visiting museums"),
            ("culture-film", "Film kijken", "Watching films"),
            ("culture-theatre", "Theater", "Theatre"),
        ],
    ),
    ("faith", "Geloof en zingeving", "Faith and meaning", []),
    (
        "work",
        "Werk en dagbesteding",
        "Work and daytime activities",
        [
            ("work-volunteer", "Vrijwilligerswerk", "Volunteering"),
            ("work-paid", "Betaald werk vinden", "Finding paid work"),
        ],
    ),
]

# (code, Dutch, English)
LANGUAGES: list[tuple[str, str, str]] = [
    ("nl", "Nederlands", "Dutch"),
    ("en", "Engels", "English"),
    ("ar", "Arabisch", "Arabic"),
    ("tr", "Turks", "Turkish"),
    ("ber", "Berbers (Tamazight)", "Berber (Tamazight)"),
    ("pl", "Pools", "Polish"),
    ("uk", "Oekraïens", "Ukrainian"),
    ("ru", "Russisch", "Russian"),
    ("ti", "Tigrinya", "Tigrinya"),
    ("so", "Somalisch", "Somali"),
    ("fa", "Perzisch (Farsi/Dari)", "Persian (Farsi/Dari)"),
    ("es", "Spaans", "Spanish"),
    ("pap", "Papiaments", "Papiamento"),
    ("srn", "Sranantongo", "Sranan Tongo"),
    ("de", "Duits", "German"),
    ("fr", "Frans", "French"),
    ("zh", "Chinees", "Chinese"),
    ("ngt", "Nederlandse Gebarentaal", "Sign Language of the Netherlands"),
]


def sync(term_model: Any, language_model: Any) -> None:
    """Create or update the starter vocabulary and languages (safe to run again)."""
    for order, (slug, nl, en, children) in enumerate(TERMS):
        parent, _ = term_model.objects.update_or_create(
            slug=slug, defaults={"label_nl": nl, "label_en": en, "order": order, "parent": None}
        )
        for child_order, (child_slug, child_nl, child_en) in enumerate(children):
            term_model.objects.update_or_create(
                slug=child_slug,
                defaults={
                    "label_nl": child_nl,
                    "label_en": child_en,
                    "order": child_order,
                    "parent": parent,
                },
            )
    for code, nl, en in LANGUAGES:
        language_model.objects.update_or_create(code=code, defaults={"name_nl": nl, "name_en": en})

"""omzien's own taxonomies for the social map, with Dutch and English labels.

Each term gets a stable UUID (``stable_uuid("term", taxonomy, code)``) so that exports from
different installations name the same term with the same id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class T:
    code: str
    nl: str
    en: str
    children: tuple[T, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Tax:
    slug: str
    nl: str
    en: str
    description: str
    terms: tuple[T, ...]


KIND = "kind"
THEME = "theme"
TARGET_GROUP = "target_group"
INCLUSION = "inclusion"
SCHEDULE = "schedule"

# Inclusion tags the issue names; the codes are used in code and URLs.
WHEELCHAIR = "wheelchair"
LOW_STIMULUS = "low_stimulus"
FREE = "free"
WALK_IN = "walk_in"
NO_DUTCH_NEEDED = "no_dutch_needed"
BRING_SOMEONE = "bring_someone"

TAXONOMIES: tuple[Tax, ...] = (
    Tax(
        KIND,
        "Soort",
        "Kind",
        "Wat voor plek of voorziening het is (omzien).",
        (
            T(
                "facility",
                "Openbare voorziening",
                "Public facility",
                (
                    T("community_centre", "Buurthuis of wijkcentrum", "Community centre"),
                    T("library", "Bibliotheek", "Library"),
                    T("gp", "Huisarts of gezondheidscentrum", "GP or health centre"),
                    T("school", "School", "School"),
                    T("sports_hall", "Sporthal of sportveld", "Sports hall or field"),
                ),
            ),
            T(
                "association",
                "Vereniging of club",
                "Association or club",
                (
                    T("sports_club", "Sportclub", "Sports club"),
                    T("music_club", "Koor of muziekvereniging", "Choir or music club"),
                    T("hobby_club", "Hobbyclub", "Hobby club"),
                ),
            ),
            T(
                "faith",
                "Kerk, moskee of geloofsgemeenschap",
                "Church, mosque or faith community",
                (
                    T("church", "Kerk", "Church"),
                    T("mosque", "Moskee", "Mosque"),
                ),
            ),
            T(
                "shop",
                "Winkel of ondernemer",
                "Shop or local entrepreneur",
                (
                    T("cafe", "Café of lunchroom", "Café"),
                    T("supermarket", "Supermarkt", "Supermarket"),
                    T("hairdresser", "Kapper", "Hairdresser"),
                ),
            ),
            T(
                "initiative",
                "Bewonersinitiatief",
                "Resident initiative",
                (
                    T("cooperative", "Buurtcoöperatie", "Neighbourhood cooperative"),
                    T("eating_cafe", "Eetcafé of buurtmaaltijd", "Eating café or shared meal"),
                    T("repair_cafe", "Repair café", "Repair café"),
                    T("garden", "Buurttuin", "Community garden"),
                ),
            ),
            T("peer_group", "Lotgenotengroep", "Peer-support group"),
            T(
                "experience",
                "Plek van ervaringsdeskundigen",
                "Place of experts by experience",
                (
                    T("recovery_college", "Herstelacademie", "Recovery college"),
                    T("self_help", "Zelfregiecentrum", "Self-help centre"),
                ),
            ),
            T(
                "professional",
                "Professional in de buurt",
                "Professional in the neighbourhood",
                (
                    T("police", "Wijkagent", "Community police officer"),
                    T("neighbourhood_team", "Buurtteam of wijkteam", "Neighbourhood team"),
                    T("housing", "Woonconsulent", "Housing consultant"),
                    T("social_work", "Opbouwwerker of sociaal werker", "Community worker"),
                ),
            ),
            T(
                "third_place",
                "Ontmoetingsplek buiten",
                "Third place",
                (
                    T("bench", "Bankje", "Bench"),
                    T("square", "Plein", "Square"),
                    T("playground", "Speeltuin", "Playground"),
                    T("park", "Park", "Park"),
                ),
            ),
        ),
    ),
    Tax(
        THEME,
        "Thema",
        "Theme",
        "Waar het over gaat.",
        (
            T(
                "meeting",
                "Ontmoeten",
                "Meeting people",
                (
                    T("eating", "Samen eten", "Eating together"),
                    T("coffee", "Koffie en een praatje", "Coffee and a chat"),
                ),
            ),
            T(
                "movement",
                "Bewegen",
                "Exercise",
                (
                    T("walking", "Wandelen", "Walking"),
                    T("sports", "Sporten", "Sports"),
                ),
            ),
            T(
                "creative",
                "Creatief en cultuur",
                "Arts and culture",
                (
                    T("music", "Muziek", "Music"),
                    T("crafts", "Handwerk en knutselen", "Crafts"),
                ),
            ),
            T(
                "learning",
                "Leren",
                "Learning",
                (
                    T("dutch_language", "Nederlands oefenen", "Practising Dutch"),
                    T("computer", "Computerhulp", "Computer help"),
                ),
            ),
            T(
                "practical",
                "Praktische hulp",
                "Practical help",
                (
                    T("paperwork", "Hulp bij post en geldzaken", "Help with post and money"),
                    T("repair", "Klussen en repareren", "Odd jobs and repairs"),
                    T("food_aid", "Voedselhulp", "Food aid"),
                ),
            ),
            T(
                "health",
                "Gezondheid en welzijn",
                "Health and wellbeing",
                (
                    T("mental_wellbeing", "Je goed voelen", "Feeling well"),
                    T("recovery", "Herstel", "Recovery"),
                ),
            ),
            T("safety", "Veiligheid", "Safety"),
            T("housing_theme", "Wonen", "Housing"),
            T("volunteering", "Vrijwilligerswerk", "Volunteering"),
            T("nature", "Natuur en groen", "Nature and green spaces"),
        ),
    ),
    Tax(
        TARGET_GROUP,
        "Doelgroep",
        "Target group",
        "Voor wie het vooral bedoeld is. Iedereen is welkom, tenzij anders vermeld.",
        (
            T("everyone", "Iedereen", "Everyone"),
            T("children", "Kinderen", "Children"),
            T("young_people", "Jongeren", "Young people"),
            T("older_people", "Ouderen", "Older people"),
            T("newcomers", "Nieuwe buurtbewoners", "Newcomers"),
            T("carers", "Mantelzorgers", "Informal carers"),
            T("lonely", "Mensen die meer contact zoeken", "People looking for more contact"),
            T(
                "extra_support",
                "Mensen die wat extra steun kunnen gebruiken",
                "People who could use some extra support",
            ),
            T("women", "Vrouwen", "Women"),
            T("men", "Mannen", "Men"),
        ),
    ),
    Tax(
        INCLUSION,
        "Toegankelijkheid",
        "Inclusion",
        "Wat het makkelijker maakt om mee te doen.",
        (
            T(WHEELCHAIR, "Rolstoeltoegankelijk", "Wheelchair accessible"),
            T(LOW_STIMULUS, "Prikkelarm", "Low-stimulus"),
            T(FREE, "Gratis", "Free"),
            T(WALK_IN, "Binnenlopen zonder afspraak", "Walk in without appointment"),
            T(NO_DUTCH_NEEDED, "Nederlands spreken is niet nodig", "No Dutch needed"),
            T(BRING_SOMEONE, "Je mag iemand meenemen", "Bring someone along"),
        ),
    ),
    Tax(
        SCHEDULE,
        "Soort openingstijd",
        "Kind of opening hours",
        "Marks exceptions to the regular hours (omzien).",
        (
            T("closed", "Gesloten", "Closed"),
            T("special", "Afwijkende tijden", "Different hours"),
        ),
    ),
)


def walk(terms: tuple[T, ...], parent: str | None = None) -> Iterator[tuple[T, str | None, int]]:
    """Yield (term, parent code, order) depth first."""
    for order, term in enumerate(terms):
        yield term, parent, order
        yield from walk(term.children, term.code)

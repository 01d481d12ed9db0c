"""The content the scan is built on, taken word for word from the seed publications.

* The five characteristics and their action points come from *Een buurt voor iedereen*
  (seed 001): the characteristic's description from the introduction, the action point's
  title from the chapter heading (1.1 … 5.4) and its text from the numbered list of action
  points at the start of each chapter. The publication's own wording is kept, typos included.
* The buurt-DNA questionnaire is the appendix "Vragenlijst buurt-DNA" of seed 003.

The data migration `0002_framework` copies the characteristics and action points into the
database, so a scan keeps pointing at stable codes ("1.1" … "5.4").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionPointSpec:
    code: str
    title: str
    text: str


@dataclass(frozen=True)
class CharacteristicSpec:
    number: int
    title: str
    description: str
    action_points: tuple[ActionPointSpec, ...]


CHARACTERISTICS: tuple[CharacteristicSpec, ...] = (
    CharacteristicSpec(
        1,
        "Een open houding",
        "Er is sprake van een onderlinge open houding; diversiteit zorgt voor interesse en "
        "nieuwsgierigheid in plaats van angst en afwijzing.",
        (
            ActionPointSpec(
                "1.1",
                "Verbinden van groepen",
                "Werk aan de verbinding tussen groepen én aan onderlinge steun binnen groepen.",
            ),
            ActionPointSpec(
                "1.2",
                "Tegengaan van stigmatisering",
                "Werk aan het tegengaan van stigmatisering. Maak gebruik van ervaringsdeskundigen.",
            ),
            ActionPointSpec(
                "1.3",
                "Stimuleren van contact",
                "Zorg voor contacten stimuleer (faciliteer of organiseer) dit gericht.",
            ),
        ),
    ),
    CharacteristicSpec(
        2,
        "Van betekenis zijn",
        "De buurt kent volop mogelijkheden voor bewoners om taken te vervullen waardoor zij "
        "van betekenis zijn. Er is aandacht en waardering voor elkaars talenten en inzet.",
        (
            ActionPointSpec(
                "2.1",
                "Speel in op kwaliteiten van mensen",
                "Stimuleer het 'van betekenis zijn' door creatief in te spelen op de "
                "kwaliteiten van mensen.",
            ),
            ActionPointSpec(
                "2.2",
                "Werk aan wederkerigheid",
                "Werk aan wederkerigheid: mensen geven liever dan dat ze ontvangen. Bovendien "
                "wordt beeldvorming positiever als iemand ook iets kan betekenen in de buurt of "
                "voor anderen.",
            ),
            ActionPointSpec(
                "2.3",
                "Zoek mogelijkheden tot (betaald) werk",
                "Zoek bij voorkeur mogelijkheden tot (betaald) werk; dat is de beste zorg. "
                "Daarbij is aandacht nodig voor een passende match tussen persoon en plek "
                "(maatwerk). Besteed ook aandacht aan kwartiermaken bij ondernemers in de wijk.",
            ),
        ),
    ),
    CharacteristicSpec(
        3,
        "Inzet voorzieningen en hulpbronnen",
        "De in de buurt aanwezige hulpbronnen en voorzieningen (zoals verenigingen, kerken, "
        "dienstverlening en winkeliers, scholen, actieve bewoners) zijn betrokken en dragen "
        "een steentje bij.",
        (
            ActionPointSpec(
                "3.1",
                "Zorg voor inzicht in de wijk",
                "Zorg voor inzicht in de wijk: wie, wat, waar en welk 'sociaal kapitaal' is "
                "beschikbaar?",
            ),
            ActionPointSpec(
                "3.2",
                "Bevorder actief burgerschap",
                "Bevorder actief burgerschap. Zet hiertoe effectieve aanpakken in gericht op "
                "samenlevingsopbouw.",
            ),
            ActionPointSpec(
                "3.3",
                "Werk aan meer inclusie",
                "Werk met bewoners en voorzieningen aan meer inclusie, waar dat past.",
            ),
        ),
    ),
    CharacteristicSpec(
        4,
        "Duurzaam in beeld",
        "Er zijn afspraken, buurtgebruiken en onderlinge verbanden waardoor de buurtbewoners "
        "weten hoe te handelen als het minder goed gaat met iemand. Zo is iedereen duurzaam "
        "in beeld.",
        (
            ActionPointSpec(
                "4.1",
                "Zorg voor een stevig netwerk",
                "Betrek iemands netwerk en werk aan het verstevigen van dit netwerk.",
            ),
            ActionPointSpec(
                "4.2",
                "Zorg voor laagdrempelige toegang",
                "Zorg voor laagdrempelige toegang van professionals.",
            ),
            ActionPointSpec(
                "4.3",
                "Zorg voor een goede samenwerking",
                "Zorg dat professionals elkaar kennen en goed samenwerken.",
            ),
        ),
    ),
    CharacteristicSpec(
        5,
        "Veiligheid",
        "Mensen voelen zich veilig. Zij weten hoe ze elkaar kunnen aanspreken, en wie ze "
        "erbij kunnen betrekken, als sprake is van een situatie waarin dat niet het geval is.",
        (
            ActionPointSpec(
                "5.1",
                "Regel een meldpunt en 24/7 beschikbaarheid professionals",
                "Regel een meldpunt en 24/7 beschikbaarheid van professionals voor de buurt.",
            ),
            # The chapter's list has this as its fourth point; the heading numbers it 5.2.
            ActionPointSpec(
                "5.2",
                "Communicatie met bewoners en inzet ervaringsdeskundigen",
                "Communiceer duidelijk, en tijdig, met de buurtbewoners over wat er in de wijk "
                "gaande is. Zet hierbij ook ervaringsdeskundigen in.",
            ),
            ActionPointSpec(
                "5.3",
                "Stimuleer communicatie en samenwerking",
                "Stimuleer communicatie en samenwerking tussen alle betrokkenen op terrein van "
                "zorg, welzijn en veiligheid.",
            ),
            ActionPointSpec(
                "5.4",
                "Aandacht voor de openbare ruimte",
                "Zorg dat inrichting van de openbare ruimte bijdraagt aan het "
                "veiligheidsgevoel: werk aan natuurlijke ontmoetingsplekken.",
            ),
        ),
    ),
)

ACTION_POINT_CODES: tuple[str, ...] = tuple(
    point.code for characteristic in CHARACTERISTICS for point in characteristic.action_points
)


@dataclass(frozen=True)
class DnaSection:
    key: str
    title: str
    questions: tuple[str, ...]


#: Seed 003, appendix "Vragenlijst buurt-DNA" (phase: verkennen). A question's key is
#: "<section>.<number>"; keys never change, so old profile versions stay readable.
DNA_INTRO = (
    "Leer de buurt zo goed kennen dat je weet waar de scharnierpunten zitten en waar het "
    "schuurt. Welke problemen zijn er en waar liggen de kansen?"
)
DNA_SECTIONS: tuple[DnaSection, ...] = (
    DnaSection(
        "sleutelfiguren",
        "Sleutelfiguren",
        (
            "Dit zijn de gouden mensen die een grote rol kunnen spelen.",
            "Sleutelfiguren zijn de mensen die altijd hun (ge)voelsprieten uit hebben staan.",
            "Degenen die het verschil maken. Zowel professioneel als vrijwillig.",
            "Kansen en uitdagingen. Wat zijn de problemen in de buurt? Waar zijn mensen in de "
            "buurt trots op?",
        ),
    ),
    DnaSection(
        "omgeving",
        "Omgeving",
        (
            "Hoe groot is de buurt?",
            "Wat is de structuur van de buurt? Deze wordt bepaald door grenzen als grote "
            "straten, een centraal plein of bijvoorbeeld een gracht.",
            "Welke voorzieningen zijn er. Alles in de buurt of ook buiten de buurt? Soms ligt "
            "de school of andere 'centrale locatie' net buiten de buurt.",
            "Wat zijn de gebouwen waar veel bewoners komen / bewoners vaak komen?",
            "Openbare ruimte: waar ontmoeten welke groepen elkaar?",
            "Ligging?",
            "Hoe beïnvloedt het soort woningen de betrokkenheid van bewoners bij de buurt? "
            "Staan er bijvoorbeeld vooral sociale huurwoningen of dure koopwoningen?",
        ),
    ),
    DnaSection(
        "mensen",
        "Mensen",
        (
            "Zitten er in de community al mensen uit de doelgroep",
            "Kunnen leden van de community zelf bekenden toeleiden",
            "Hoe draait de community? Wie zijn de belangrijkste mensen, hoe is het "
            "georganiseerd, welke kwaliteiten zijn aanwezig, welke kwaliteiten missen?",
            "Is er draagvlak?",
            "Wat is er al in de buurt?",
            "Welke instellingen zijn actief? Welke professionals spelen een belangrijke rol?",
        ),
    ),
    DnaSection(
        "georganiseerd",
        "Georganiseerde omgeving",
        (
            "Wat zijn de belangrijke activiteiten",
            "Is er een buurtvereniging, What's Appgroep, zijn er buurtambassadeurs etc.?",
            "Zijn dit vrijwilligers of is er professionele ondersteuning?",
            "Hoe is de verbinding met professionele diensten, bijvoorbeeld wijkagent",
            "Bij huren: welke rol speelt de wooncorporatie?",
            "Wat is de mate van betrokkenheid van bewoners. Zijn steeds dezelfde paar mensen "
            "actief of reageren veel mensen op bijvoorbeeld vragen van de gemeente over de "
            "inrichting van de wijk. Hoe zijn de inspraakmogelijkheden?",
        ),
    ),
    DnaSection(
        "bewoners",
        "Bewoners",
        (
            "Naar binnen gekeerd of los zand",
            "Betrokkenheid van bewoners bij hun leefomgeving / straat en mensen",
            "Opleidingsniveau, etnische achtergrond",
            "Is er een opvallende volksaard. Bijvoorbeeld in volksbuurten waar mensen voor "
            "elkaar zorgen, maar buitenstaanders buiten houden. Zijn er andere culturele codes, "
            "bijvoorbeeld vloeken is normaal taalgebruik in sommige volksbuurten en bij "
            "allochtone bewoners wordt niet over psychische problemen gesproken.",
            "Welke rol speelt de geschiedenis, zijn er gebeurtenissen die nog van invloed zijn. "
            "Historisch besef?",
        ),
    ),
    DnaSection(
        "actieve_bewoners",
        "Actieve buurtbewoners",
        (
            "Kartrekkers & de buurtburgemeester",
            "Kortdurend betrokken bewoners, willen zich wel inzetten voor anderen, maar niet "
            "structureel / blijvend",
            "Actieve buurtbewoners, die zich betrokken voelen bij hun leefomgeving en/of bij "
            "andere bewoners",
            "Hondenbezitters, die lopen met regelmaat op straat",
            "Groot netwerk in de wijk, dit is heel informeel en bij de een is het alleen "
            "'hallo' en met anderen is veel meer contact",
            "Initiatiefrijk",
            "Bemoeizuchtig: zeggen het als er iemand op de stoep fietst",
            "Zijn niet georganiseerd, sluiten zich wel aan bij andere netwerken maar komen "
            "weinig naar vergaderingen. Je kan hen aanspreken, erkenning geven en laten weten "
            "wat ze aan extra dingen kunnen doen.",
        ),
    ),
    DnaSection(
        "professionals",
        "Professionals",
        (
            "Werken mét de wijk",
            "Hebben een taak, goede professionals weten dit om te zetten in een betekenisvolle "
            "rol in de buurt",
            "Kennen vaak een aantal sleutelfiguren",
            "Werken op het gebied van Zorg (individueel gericht) en Welzijn (buurt en "
            "individueel). Wijkagent. Woningbeheerders. Zorgnetwerken. Gebiedsmakelaar. Ook "
            "sociaal ondernemers op bijv. gebieden als leren, kunst en cultuur en culinair.",
        ),
    ),
    DnaSection(
        "informeel",
        "Informele organisatiestructuur / samenwerking",
        (
            "Informele initiatieven. Bv rond mantelzorg.",
            "Soms met professionele ondersteuning, soms zonder. Niet standaard nodig.",
            "Vaak groter dan buurtniveau",
        ),
    ),
)


def dna_questions() -> list[tuple[str, DnaSection, str]]:
    """Every question as (key, section, text), in questionnaire order."""
    return [
        (f"{section.key}.{number}", section, text)
        for section in DNA_SECTIONS
        for number, text in enumerate(section.questions, start=1)
    ]

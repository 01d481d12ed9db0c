"""The built-in knowledge base: the interventions the seed publications name.

Each entry says which action points ("1.1" … "5.4") it serves, where in which seed it is
named, and which organisation or publication the seed mentions there. The descriptions are
our own short summaries in plain Dutch (B1) of what the seed says; nothing is added that the
seeds do not say. The characteristics an intervention serves follow from its action points.

The data migration `0002_knowledge` and `services.knowledge_sync()` copy these entries into
the database; an entry keeps its `key` for ever, so plan actions keep pointing at it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The seed documents, as they name themselves.
SEED_001 = "Een buurt voor iedereen (Movisie, herziene versie juni 2022)"
SEED_002 = "Samenlevingsopbouw in de wijk (Platform31, 3 augustus 2020)"
SEED_003 = (
    "Samen met de Buur – Handreikingen voor werken met de wijk (experiment ‘Leren en "
    "Participeren in de Community’, Amsterdam, eerste versie februari 2018)"
)
SEED_004 = "Nieuwe verhoudingen in de buurt – 10 tips voor sociale professionals in de wijk"


@dataclass(frozen=True)
class InterventionSpec:
    key: str
    name: str
    description: str
    points: tuple[str, ...]
    document: str
    section: str
    reference: str = ""


INTERVENTIONS: tuple[InterventionSpec, ...] = (
    # --- Seed 001, chapter 1: een open houding -------------------------------------------
    InterventionSpec(
        "lotgenotencontact",
        "Lotgenotencontact en ervaringsdeskundigen",
        "Mensen die iets vergelijkbaars meemaken, vinden elkaar makkelijker. Ze steunen elkaar "
        "en delen informatie. De professional geeft hun een plek, maakt het bekend en zorgt "
        "dat meedoen niets kost. Ervaringsdeskundigen spelen hierin een grote rol.",
        ("1.1", "3.3"),
        SEED_001,
        "1.1 Verbinden van groepen; 3.3 Werk aan meer inclusie",
        "Linders (2010), De betekenis van nabijheid",
    ),
    InterventionSpec(
        "kwartiermaken",
        "Kwartiermaken",
        "Een kwartiermaker maakt ruimte in de buurt voor mensen die anders zijn. Hij of zij "
        "praat met buurthuizen, verenigingen en ondernemers, zodat zij mensen welkom heten. "
        "Zo ontstaan gastvrije plekken waar iedereen mee kan doen. De methode helpt ook om die "
        "gastvrijheid blijvend vast te leggen in samenwerking.",
        ("1.1", "2.3", "3.3"),
        SEED_001,
        "1.1 Verbinden van groepen; 2.3 (betaald) werk; 3.3 en 3.4 Tools",
        "Methode Kwartiermaken; Brummel (2017), Sociale verbinding in de wijk",
    ),
    InterventionSpec(
        "samen-sterk-zonder-stigma",
        "Samen Sterk zonder Stigma",
        "Organiseert in wijken, samen met partners uit de buurt, bijeenkomsten en trainingen. "
        "Daar praten mensen open over vooroordelen over psychische problemen.",
        ("1.2",),
        SEED_001,
        "1.2 Tegengaan van stigmatisering",
        "Samen Sterk zonder Stigma",
    ),
    InterventionSpec(
        "kwartiermakersfestival",
        "Kwartiermakersfestival",
        "Een festival waar bewoners die het moeilijk hebben iets laten zien of doen voor de "
        "buurt. Dat geeft anderen een positief beeld en gaat vooroordelen tegen.",
        ("1.2",),
        SEED_001,
        "1.2 Tegengaan van stigmatisering",
        "Kwartiermakersfestivals",
    ),
    InterventionSpec(
        "contacttheorie",
        "Kennismaken onder goede voorwaarden (contacttheorie)",
        "Groepen leren elkaar beter kennen als een gezaghebbende partij het contact steunt, "
        "als iedereen gelijk is, als er geen wedstrijd is en als ze samen werken aan één "
        "doel. Een feest waar iedereen iets aan bijdraagt, kan zo'n vorm zijn.",
        ("1.3",),
        SEED_001,
        "1.3 Stimuleren van contact",
        "Allport (1954); Overbruggen vooroordelen door kennismaking",
    ),
    InterventionSpec(
        "een-steekje-los",
        "Het spel ‘een steekje los’",
        "Een spel om op een speelse manier met elkaar in gesprek te komen. Bewoners die het "
        "moeilijk hebben, spelen het samen met andere bewoners, vrijwilligers of sociaal "
        "werkers.",
        ("1.2", "1.3"),
        SEED_001,
        "1.4 Tools",
        "",
    ),
    InterventionSpec(
        "mental-health-first-aid",
        "Mental Health First Aid",
        "Een training voor buurtbewoners, vrijwilligers en professionals. Je leert wat het "
        "betekent om psychische problemen te hebben. Veel cliënten- en ggz-organisaties "
        "bieden zulke trainingen aan.",
        ("1.2",),
        SEED_001,
        "1.4 Tools",
        "Mental Health First Aid",
    ),
    InterventionSpec(
        "vertel-ik-het-wel",
        "Werkboek ‘Vertel ik het wel of vertel ik het niet’",
        "Een werkboek dat iemand helpt kiezen wat hij wel of niet over zijn achtergrond "
        "vertelt, bijvoorbeeld in de buurt, op het werk of op school.",
        ("1.2",),
        SEED_001,
        "1.4 Tools",
        "Hanzehogeschool Groningen",
    ),
    # --- Seed 001, chapter 2: van betekenis zijn -----------------------------------------
    InterventionSpec(
        "onbeperkt-talent",
        "Onbeperkt talent",
        "Eerst ontdekken wat iemand goed kan of leuk vindt, vanuit zijn eigen verhaal. Daarna "
        "zoeken naar een plek of activiteit die daarbij past.",
        ("2.1",),
        SEED_001,
        "2.1 Speel in op kwaliteiten van mensen",
        "Onbeperkt talent (Den Haag)",
    ),
    InterventionSpec(
        "jobcarving",
        "Jobcarving",
        "Binnen een bedrijf of organisatie kijken welke taken uit bestaande banen samen een "
        "passend werkpakket vormen voor één persoon. Soms is daar steun van een professional "
        "bij nodig.",
        ("2.1", "2.3"),
        SEED_001,
        "2.1 Speel in op kwaliteiten van mensen",
        "",
    ),
    InterventionSpec(
        "buurtprojecten-actieve-rol",
        "Buurtprojecten waarin iedereen een rol heeft",
        "Nieuwe vormen van dagactiviteiten in de gewone buurt, met een mix van mensen. "
        "Bewoners die het moeilijk hebben, brengen hier ook iets in. Dat maakt het beeld van "
        "hen positiever.",
        ("2.2",),
        SEED_001,
        "2.2 Werk aan wederkerigheid",
        "Buurtprojecten in Overijssel; Wijk en Participatie (Amersfoort)",
    ),
    InterventionSpec(
        "zelforganisatie-ervaringsdeskundigen",
        "Plekken die mensen zelf organiseren, met ervaringsdeskundigen",
        "Mensen organiseren zich samen, met hulp van ervaringsdeskundigen die al verder zijn "
        "in hun herstel. Ze doen zinvolle dingen en zeggen zelf hoe ze zich willen inzetten. "
        "Vaak samen met een buurtcentrum.",
        ("2.2", "1.1"),
        SEED_001,
        "2.2 Werk aan wederkerigheid",
        "ED-plaatsen (Amsterdam); zelfregiecentrum Leiden; Stadskamer Doetinchem",
    ),
    InterventionSpec(
        "eigen-werk-creeren",
        "Samen eigen werk maken",
        "Mensen maken soms hun eigen werk, alleen of met een groep, bijvoorbeeld in een "
        "coöperatie in de wijk.",
        ("2.3",),
        SEED_001,
        "2.3 Zoek mogelijkheden tot (betaald) werk",
        "Wijkcoop 010; WIJ 3.0",
    ),
    InterventionSpec(
        "abcd",
        "ABCD-methode (Asset Based Community Development)",
        "De buurt werkt van binnenuit aan verbetering. Je brengt in kaart wat bewoners, "
        "organisaties en verenigingen kunnen en hebben, en zet dat in. Je kijkt naar kracht, "
        "niet naar problemen. Nodig ook bewoners uit die zelden gevraagd worden: zo laten zij "
        "hun talenten zien en leren ze mensen kennen.",
        ("2.1", "3.1", "3.2"),
        SEED_001,
        "2.4 Tools; 3.2 Bevorder actief burgerschap",
        "Methodebeschrijving ABCD en databank Effectieve sociale interventies (Movisie); "
        "ook in Samenlevingsopbouw in de wijk (Platform31)",
    ),
    InterventionSpec(
        "buurtcirkel",
        "Buurtcirkel",
        "Een groep van ongeveer 9 tot 12 bewoners uit een buurt die wat steun kunnen gebruiken. "
        "Ze doen samen dingen en helpen elkaar. Een vrijwilliger uit de buurt en een "
        "Buurtcirkelcoach zijn erbij. De groep zoekt samen wat er in de wijk te doen is. Meedoen "
        "is tijdelijk: het doel is dat mensen zelfstandig kunnen wonen.",
        ("2.1", "2.2", "4.1"),
        SEED_001,
        "2.4 Tools; 4.4 Tools",
        "Ook in Samenlevingsopbouw in de wijk (Platform31)",
    ),
    InterventionSpec(
        "talenten-samen-benutten",
        "Talenten samen benutten",
        "Een methode om talenten in te zetten, speciaal voor mensen met een licht "
        "verstandelijke beperking.",
        ("2.1",),
        SEED_001,
        "2.4 Tools",
        "",
    ),
    InterventionSpec(
        "krachtwerk",
        "Krachtwerk",
        "Je gaat uit van iemands talenten en zijn eigen verhaal. Samen zoek je hulpbronnen en "
        "plekken die daarbij passen.",
        ("2.1",),
        SEED_001,
        "2.4 Tools",
        "",
    ),
    InterventionSpec(
        "100-procent-talent",
        "100% talent",
        "Een aanpak voor jongeren: ze ontwikkelen hun talenten en mogelijkheden, en de mensen "
        "om hen heen doen mee. Dit helpt ook jongeren zonder vaste woonplek weer vooruit.",
        ("2.1",),
        SEED_001,
        "2.4 Tools",
        "",
    ),
    InterventionSpec(
        "ips",
        "Individual Placement and Support (IPS)",
        "Een bewezen aanpak om mensen aan betaald werk te helpen. De werkcoach en de "
        "hulpverlener werken nauw samen. Ze steunen de persoon en ook de werkgever.",
        ("2.3",),
        SEED_001,
        "2.4 Tools",
        "",
    ),
    # --- Seed 001, chapter 3: inzet voorzieningen en hulpbronnen ------------------------
    InterventionSpec(
        "sociale-kaart",
        "Sociale kaart",
        "Een overzicht van voorzieningen, verenigingen en initiatieven van bewoners en "
        "lotgenoten. Zo kun je mensen helpen een plek in hun buurt te vinden.",
        ("3.1",),
        SEED_001,
        "3.1 Zorg voor inzicht in de wijk",
        "Geynwijs (voorbeeld)",
    ),
    InterventionSpec(
        "wijkanalyse",
        "Wijkanalyse en sociale wijkagenda",
        "Organisaties, gemeente en bewoners bekijken samen de wijk: wat gaat goed, wat is "
        "kwetsbaar, waar liggen kansen, en wie kan bijdragen aan samenhang? Daaruit maak je "
        "samen een sociale wijkagenda.",
        ("3.1",),
        SEED_001,
        "3.1 Zorg voor inzicht in de wijk; 3.4 Tools",
        "Van Xanten (2013), Wijkanalyse, hoe doe je dat? (Movisie)",
    ),
    InterventionSpec(
        "woningtoewijzing-op-maat",
        "Woningtoewijzing op maat",
        "Wie vanuit een instelling of opvang zelfstandig gaat wonen, krijgt een woning in een "
        "buurt die bij hem past. Verhuurder en huurder overleggen, soms met de zorgaanbieder.",
        ("3.1",),
        SEED_001,
        "3.1 Zorg voor inzicht in de wijk",
        "",
    ),
    InterventionSpec(
        "actie-model",
        "Methodisch werken aan actief burgerschap (ACTIE-model)",
        "Helpt sociaal werkers hun rol te bepalen naast actieve bewoners. Het initiatief "
        "blijft bij de bewoners; de professional steunt zodat zij het zelf kunnen.",
        ("3.2",),
        SEED_001,
        "3.2 Bevorder actief burgerschap; 3.4 Tools",
        "Meindersma (2015), Methodisch werken aan actief burgerschap (Movisie / Platform31)",
    ),
    InterventionSpec(
        "welkomstpakket",
        "Welkomstpakket voor nieuwe bewoners",
        "Bewoners heten nieuwe buren welkom met informatie of een welkomstpakket. Sociaal "
        "werkers kunnen helpen het pakket samen te stellen.",
        ("3.3",),
        SEED_001,
        "3.3 Werk aan meer inclusie",
        "",
    ),
    InterventionSpec(
        "gastvrijheid-training",
        "Training in gastvrijheid",
        "Medewerkers en vrijwilligers van buurthuizen en wijkcentra leren hoe ze iedereen "
        "welkom laten voelen en omgaan met verschillende groepen.",
        ("3.3",),
        SEED_001,
        "3.3 Werk aan meer inclusie",
        "",
    ),
    InterventionSpec(
        "inclusieve-verenigingen",
        "In gesprek met verenigingen en initiatieven",
        "Sociaal werkers en buurtsportcoaches praten met verenigingen en initiatieven van "
        "bewoners over meer ruimte voor bewoners die het moeilijk hebben. Professionals en "
        "ervaringsdeskundigen geven daarbij begeleiding en uitleg.",
        ("3.3",),
        SEED_001,
        "3.3 Werk aan meer inclusie",
        "Ham en Van der Meer (2015), De ondernemende burger; Brummel (2017)",
    ),
    InterventionSpec(
        "buurtrestaurant",
        "Buurtrestaurant",
        "Een restaurant in de buurt waar iedereen kan aanschuiven. Het helpt om mensen erbij "
        "te laten horen.",
        ("3.3", "1.3"),
        SEED_001,
        "3.3 Werk aan meer inclusie",
        "Resto VanHarte",
    ),
    # --- Seed 001, chapter 4: duurzaam in beeld -------------------------------------------
    InterventionSpec(
        "sociale-netwerkstrategieen",
        "Sociale netwerkstrategieën",
        "Aanpakken om iemands netwerk meer te betrekken, sterker te maken of groter te maken.",
        ("4.1",),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "r-act",
        "R-act",
        "Een van de aanpakken om iemands netwerk te betrekken en te versterken.",
        ("4.1",),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "eigen-kracht-conferentie",
        "Eigen kracht conferentie",
        "Een van de aanpakken om iemands netwerk te betrekken en te versterken.",
        ("4.1",),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "vangnetwerken",
        "Vangnetwerken",
        "Een van de aanpakken om iemands netwerk te betrekken, sterker of groter te maken.",
        ("4.1",),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "quez",
        "QUEZ",
        "Een methode om na te gaan of je echt uitgaat van de eigen regie van de persoon.",
        ("4.1", "4.2"),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "signaleringsplan-wrap",
        "Signaleringsplan, hulpkaart, crisiskaart en WRAP",
        "Samen met iemand en zijn naasten bedenken: wanneer gaat het minder goed, en wie doet "
        "dan wat? Dat leg je vast, zodat hulp snel en op de goede manier komt.",
        ("4.1", "4.2"),
        SEED_001,
        "4.4 Tools",
        "",
    ),
    InterventionSpec(
        "naastbetrokkenen",
        "Samenwerken met naastbetrokkenen",
        "Professionals houden goede banden met familie en vrienden in stand, werken met hen "
        "samen en steunen hen. Altijd met medeweten en goedvinden van de persoon zelf.",
        ("4.1",),
        SEED_001,
        "4.1 Zorg voor een stevig netwerk",
        "Samenwerken met mantelzorgers ggz; het SOFA-model",
    ),
    InterventionSpec(
        "outreachend-werken",
        "Outreachend werken",
        "Professionals zijn aanwezig waar mensen wonen en leven, en zoeken zelf contact met "
        "mensen over wie anderen zich zorgen maken. Zij wegen daarbij privacy en de gevolgen "
        "van niets doen zorgvuldig af.",
        ("4.2", "5.1"),
        SEED_001,
        "4.2 Zorg voor laagdrempelige toegang; 5.1",
        "Van Doorn e.a. (2013), Outreachend werkt! (Movisie); infographic wat werkt bij "
        "outreachend werken",
    ),
    InterventionSpec(
        "op-en-afschalen",
        "Flexibel op- en afschalen van zorg",
        "Minder zorg als het goed gaat, snel meer zorg als het minder gaat, zonder nieuwe "
        "aanmelding of wachtlijst. Organisaties en geldgevers spreken af hoe ze dat regelen.",
        ("4.2",),
        SEED_001,
        "4.2 Zorg voor laagdrempelige toegang",
        "Blauwe Zorg (Maastricht); De Groene Kans (Amsterdam Nieuw-West)",
    ),
    InterventionSpec(
        "netwerkoverleg",
        "Netwerkoverleg in de wijk",
        "Professionals in de wijk kennen elkaar en weten wie wat doet. In een netwerkoverleg "
        "stemmen ze af en spreken ze af hoe ze elkaar inschakelen.",
        ("4.3",),
        SEED_001,
        "4.3 Zorg voor een goede samenwerking",
        "Kluft (2016), Samenwerken in de wijk, 10 vraagstukken (Movisie)",
    ),
    InterventionSpec(
        "laagdrempelig-wijkteam",
        "Laagdrempelig team met specialisten in de wijk",
        "Een team in de wijk met specialisten, vaak samen met ervaringsdeskundigen. Ze helpen "
        "bewoners en ook andere professionals die met hen werken.",
        ("4.3", "4.2"),
        SEED_001,
        "4.3 Zorg voor een goede samenwerking",
        "GGZ in de wijk (Utrecht)",
    ),
    InterventionSpec(
        "analysetool-integraal-samenwerken",
        "Analysetool integraal samenwerken",
        "Een hulpmiddel om met partners te bespreken wat al goed gaat in de samenwerking en "
        "wat beter kan.",
        ("4.3", "5.3"),
        SEED_001,
        "4.4 Tools",
        "www.integraalwerken.nl",
    ),
    # --- Seed 001, chapter 5: veiligheid ---------------------------------------------------
    InterventionSpec(
        "meldpunt",
        "Meldpunt en professionals die 24/7 bereikbaar zijn",
        "Bewoners weten waar ze terechtkunnen als ze zich zorgen maken. Professionals in de "
        "buurt zijn zichtbaar en aanspreekbaar.",
        ("5.1",),
        SEED_001,
        "5.1 Regel een meldpunt en 24/7 beschikbaarheid professionals",
        "Landelijk meldpunt (sinds oktober 2020)",
    ),
    InterventionSpec(
        "contactpersoon-woonvorm",
        "Vaste contactpersoon bij veranderingen in de buurt",
        "Komt er bijvoorbeeld een woonvorm, vertel het dan op tijd en eerlijk. Breng bewoners "
        "in contact met de nieuwe buren of met ervaringsdeskundigen. Eén contactpersoon met "
        "een 06-nummer pakt signalen snel op. Spreek vaste momenten af om samen terug te "
        "kijken.",
        ("5.2",),
        SEED_001,
        "5.2 Communicatie met bewoners en inzet ervaringsdeskundigen",
        "",
    ),
    InterventionSpec(
        "buurtapps",
        "Buurtapps",
        "Bewoners houden elkaar via een app op de hoogte. Zo helpen ze signalen op te vangen "
        "en de buurt veilig te houden.",
        ("5.2",),
        SEED_001,
        "5.2 Communicatie met bewoners en inzet ervaringsdeskundigen",
        "",
    ),
    InterventionSpec(
        "straatvertegenwoordigers",
        "Straatvertegenwoordigers, buurtvaders en buurtmoeders",
        "Actieve bewoners die in hun straat signalen opvangen, bemiddelen of steunen.",
        ("5.2",),
        SEED_001,
        "5.2 Communicatie met bewoners en inzet ervaringsdeskundigen",
        "",
    ),
    InterventionSpec(
        "buurtbemiddeling",
        "Buurtbemiddeling",
        "Bewoners helpen buren die ruzie of last van elkaar hebben om samen tot een oplossing "
        "te komen.",
        ("5.2",),
        SEED_001,
        "5.2 Communicatie met bewoners en inzet ervaringsdeskundigen",
        "",
    ),
    InterventionSpec(
        "handhaven-en-hulpverlenen",
        "Filmpjes ‘handhaven en hulpverlenen’",
        "Filmpjes over echte situaties waarin agent en hulpverlener samen optrekken. Om mee te "
        "oefenen of om het gesprek aan te gaan.",
        ("5.3",),
        SEED_001,
        "5.5 Tools",
        "handhavenenhulpverleners.nl",
    ),
    InterventionSpec(
        "informatie-delen",
        "Afspraken over informatie delen en privacy",
        "Partners in zorg, welzijn en veiligheid maken samen afspraken over wat ze wel en niet "
        "met elkaar delen.",
        ("5.3",),
        SEED_001,
        "5.5 Tools",
        "Informatie delen in het sociaal domein (onderzoek en instrument)",
    ),
    InterventionSpec(
        "verward-in-de-wijk",
        "Kennisbundel ‘Verward in de wijk’",
        "Informatie over omgaan met agressie en over samenwerking tussen zorg en veiligheid.",
        ("5.3",),
        SEED_001,
        "5.5 Tools",
        "Kennisbundel ‘Verward in de wijk’",
    ),
    InterventionSpec(
        "ontmoetingsplekken-buiten",
        "Ontmoetingsplekken in de openbare ruimte",
        "Een plein met bankjes, een speeltuin, moestuinbakken of een muurschildering nodigen "
        "uit tot contact. Kijk samen met bewoners welke plekken ze fijn of eng vinden en wat "
        "er nodig is om zich veilig te voelen.",
        ("5.4",),
        SEED_001,
        "5.4 Aandacht voor de openbare ruimte",
        "",
    ),
    # --- Seed 002: samenlevingsopbouw ------------------------------------------------------
    InterventionSpec(
        "studio-bruis",
        "Studio BRUIS – Samen Buurten",
        "Een wetenschappelijk erkende methode voor een wooncomplex. Actieve bewoners, zoals de "
        "bewonerscommissie, leren anders naar hun buren te kijken. Ze organiseren minder vóór "
        "en meer samen mét bewoners. Zo ontstaan kleine, informele clubs rond gedeelde "
        "interesses.",
        ("1.3", "3.2"),
        SEED_002,
        "Verschillende aanpakken",
        "Studio BRUIS – Samen Buurten",
    ),
    InterventionSpec(
        "wijkeconomie",
        "Wijkeconomie en bewonersbedrijf",
        "Een bedrijf dat bewoners samen runnen; de winst gaat naar de eigen buurt. Bewoners "
        "ontdekken er talenten, doen werk en ontmoeten elkaar vaak.",
        ("2.3", "3.2"),
        SEED_002,
        "Inzetten op wijkeconomie",
        "Welzijnsorganisatie Eurus; voorbeelden: Wijkbedrijf Selwerd (Groningen), "
        "Buurtwerkplaats De Buren (Schiedam)",
    ),
    InterventionSpec(
        "third-places",
        "Derde plekken (third places)",
        "Plekken naast thuis en werk waar mensen vrij en makkelijk binnenlopen, zoals een park "
        "of buurthuis. Je komt er bekenden en nieuwe mensen tegen.",
        ("1.3", "5.4"),
        SEED_002,
        "A home away from home",
        "Oldenburg (1989), The Great Good Place; voorbeeld: Krachtstation Kanaleneiland (Utrecht)",
    ),
    InterventionSpec(
        "buurtassistenten",
        "Buurtassistenten",
        "Bewoners gaan huis aan huis in gesprek met buurtgenoten. Zo verbinden ze mensen en "
        "bevorderen ze het omzien naar elkaar.",
        ("1.3", "3.2"),
        SEED_002,
        "Inspirerende praktijkvoorbeelden",
        "Buurtcoöperatie Apeldoorn-Zuid (Zuid Doet Samen)",
    ),
    InterventionSpec(
        "stadsdorp",
        "Stadsdorp",
        "Bewoners leren elkaar beter kennen, wisselen diensten en kennis uit en organiseren "
        "samen activiteiten, buiten de instanties om.",
        ("1.3", "2.2"),
        SEED_002,
        "Inspirerende praktijkvoorbeelden",
        "Stadsdorp Elsrijk (Amstelveen)",
    ),
    InterventionSpec(
        "herstel-community",
        "Herstel-community van ervaringswerkers",
        "Een plek door en voor bewoners met ggz-ervaring. Ze ontmoeten en steunen elkaar, "
        "volgen workshops en leren er van elkaar. Iedereen moet zich er welkom voelen.",
        ("1.1", "1.2"),
        SEED_002,
        "Inspirerende praktijkvoorbeelden",
        "Vitale Verbindingen (Arnhem); Movisie (2018), Bruggen bouwen in de wijk",
    ),
    # --- Seed 003: Samen met de Buur ------------------------------------------------------
    InterventionSpec(
        "procesbegeleider-sleutelfiguren",
        "Procesbegeleider die werkt met sleutelfiguren",
        "Een procesbegeleider met een vrije rol gaat de buurt in en werkt samen met de "
        "sleutelfiguren: mensen die veel mensen kennen en weten wat er speelt. Samen "
        "analyseren ze de buurt, bijvoorbeeld met een kaart.",
        ("3.1", "1.1"),
        SEED_003,
        "5. Procesbegeleider met een vrije rol; 6. Werken met de community (verkennen)",
        "",
    ),
    InterventionSpec(
        "presentiebenadering",
        "Presentiebenadering",
        "‘Er zijn voor de ander’: goed afstemmen op wat iemand nodig heeft, de tijd nemen en "
        "naast mensen staan in plaats van boven hen.",
        ("4.2",),
        SEED_003,
        "4. Werken naast kwetsbare mensen",
        "Andries Baart",
    ),
    InterventionSpec(
        "train-de-gastvrijheid",
        "Train de gastvrijheid",
        "Vooroordelen verdwijnen vaak bij het eerste contact. Daarvoor kun je een voorlichting "
        "met ervaringsdeskundigen houden, een filmavond organiseren of sleutelfiguren trainen "
        "om vooroordelen bespreekbaar te maken.",
        ("1.2",),
        SEED_003,
        "6. Werken met de community (verbeelden)",
        "",
    ),
    InterventionSpec(
        "samen-eten",
        "Samen eten of drinken",
        "Een eenvoudige activiteit waar mensen makkelijk bij aansluiten, bijvoorbeeld een "
        "eettafel of lunch met open inloop. Ook Burendag of Koningsdag zijn goede momenten. "
        "Vang iedere nieuwkomer persoonlijk op en houd vaste dagen en tijden.",
        ("1.3",),
        SEED_003,
        "6. Werken met de community (vormgeven)",
        "",
    ),
    InterventionSpec(
        "ondersteuningsnetwerk",
        "Ondersteuningsnetwerk rond een vaste groep",
        "Naast een open activiteit een activiteit met een vaste groep. Mensen leren elkaar "
        "kennen en steunen elkaar. Merkt de groep dat iemand een paar keer niet komt, dan "
        "vraagt iemand hoe het gaat.",
        ("4.1",),
        SEED_003,
        "6. Werken met de community (verankeren)",
        "",
    ),
    # --- Seed 004: 10 tips --------------------------------------------------------------
    InterventionSpec(
        "vrijwilligersorganisaties",
        "Maatjesprojecten, klussendiensten en telefooncirkels",
        "Vrijwilligersorganisaties in de wijk, zoals maatjesprojecten, ruildiensten, "
        "klussendiensten en telefooncirkels. De professional steunt ze.",
        ("2.2", "4.1"),
        SEED_004,
        "Tip 6",
        "Kees Pennix en Ard Sprinkhuizen",
    ),
    InterventionSpec(
        "burenhulpcentrale",
        "Burenhulpcentrale en zorgcoöperatie",
        "Initiatieven van bewoners waar anderen aan mee kunnen doen. Inwoners met een vraag en "
        "mensen die hun tijd en talent willen geven, vinden elkaar dichtbij huis.",
        ("2.2", "3.2"),
        SEED_004,
        "Rol van het wijkteam",
        "",
    ),
    InterventionSpec(
        "right-to-challenge",
        "Right to Challenge",
        "Bewoners mogen de gemeente uitdagen als zij denken een taak beter, slimmer of "
        "goedkoper te kunnen doen.",
        ("3.2",),
        SEED_004,
        "Inwoners, gemeenten, professionals",
        "Wmo",
    ),
    InterventionSpec(
        "gezond-samen",
        "Samen gezond in de wijk",
        "Groepen bewoners die samen een moestuin aanleggen, samen sporten of voorlichting over "
        "gezond eten geven. De professional steunt ze.",
        ("1.3", "3.2"),
        SEED_004,
        "Tip 9",
        "Kees Pennix en Ard Sprinkhuizen",
    ),
    InterventionSpec(
        "verbinder-digitaal",
        "Verbinder 2.0: digitaal contact",
        "Help ouderen met computer en telefoon, zodat ze makkelijk contact hebben met elkaar en "
        "met hulpverleners. Steun bewoners die een buurtwebsite willen maken.",
        ("4.2", "5.2"),
        SEED_004,
        "Tip 10",
        "Kees Pennix en Ard Sprinkhuizen",
    ),
)

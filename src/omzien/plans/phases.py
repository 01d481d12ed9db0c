"""The four phases of the plan van aanpak, in the words of seed 003 ("Samen met de Buur",
chapter 6 "Werken met de community"): what each phase is for."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhaseSpec:
    key: str
    number: int
    title: str
    purpose: str


PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec(
        "verkennen",
        1,
        "Verkennen",
        "Elk nieuw initiatief start met een verkenning om vast te stellen wat het DNA van de "
        "buurt is. Bepaal de sterke en zwakke kanten, de kansen en de uitdagingen van zowel "
        "de buurt als de community van waaruit gewerkt wordt.",
    ),
    PhaseSpec(
        "verbeelden",
        2,
        "Verbeelden",
        "Door de sleutelfiguren te blijven betrekken en hen te vragen meer mensen aan te "
        "brengen, wordt het draagvlak steeds groter. Er moet een proces ontstaan waarbij "
        "ideeën en draagvlak groeien. Dit kan door samen te verbeelden hoe de community "
        "inclusiever en gastvrijer kan worden.",
    ),
    PhaseSpec(
        "vormgeven",
        3,
        "Vormgeven",
        "Het vormgeven aan de inclusieve samenleving is een proces waarbij naast de "
        "sleutelfiguren ook nieuwe mensen betrokken raken, zowel bewoners als hulpverleners. "
        "Concreet aan de slag gaan werkt daarbij beter dan vergaderen en papierwerk.",
    ),
    PhaseSpec(
        "verankeren",
        4,
        "Verankeren",
        "Als het lukt om de community gastvrijer te krijgen, kunnen meer mensen hun weg "
        "vinden naar een plek die bij ze past. Buurtbewoners kunnen de activiteit zelfstandig "
        "organiseren, maar de bereikbaarheid en beschikbaarheid van een professional blijft "
        "meestal nodig.",
    ),
)

PHASE_BY_KEY = {phase.key: phase for phase in PHASES}

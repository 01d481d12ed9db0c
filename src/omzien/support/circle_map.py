"""The circle map of a person's network: the person in the middle, a ring per contact
frequency (every day closest). Only geometry here; the template draws the SVG, so every
name goes through Django's escaping."""

from __future__ import annotations

import math
from dataclasses import dataclass

from omzien.support.models import ContactFrequency, NetworkMember

WIDTH = 720
HEIGHT = 640
CENTER_X = 360
CENTER_Y = 318
CENTER_RADIUS = 40
#: Ring radius per frequency, inner to outer.
RADII = {
    ContactFrequency.DAILY: 88,
    ContactFrequency.WEEKLY: 148,
    ContactFrequency.MONTHLY: 206,
    ContactFrequency.LESS: 262,
}
LABEL_CHARS = 14


@dataclass(frozen=True)
class Node:
    member: NetworkMember
    x: float
    y: float
    label: str
    label_y: float


@dataclass(frozen=True)
class Ring:
    frequency: str
    label: str
    radius: int
    label_y: float
    members: list[NetworkMember]


@dataclass(frozen=True)
class CircleMap:
    width: int
    height: int
    cx: int
    cy: int
    center_radius: int
    center_label: str
    rings: list[Ring]
    nodes: list[Node]


def short(name: str, limit: int = LABEL_CHARS) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def circle_map(center_label: str, members: list[NetworkMember]) -> CircleMap:
    by_ring: dict[str, list[NetworkMember]] = {f: [] for f in RADII}
    for member in members:
        by_ring.setdefault(member.frequency, []).append(member)
    rings = []
    nodes = []
    for index, (frequency, radius) in enumerate(RADII.items()):
        ring_members = by_ring.get(frequency, [])
        rings.append(
            Ring(
                frequency=frequency,
                label=str(ContactFrequency(frequency).label),
                radius=radius,
                label_y=CENTER_Y - radius - 7,
                members=ring_members,
            )
        )
        count = len(ring_members)
        if not count:
            continue
        step = 2 * math.pi / count
        # Half a step off the top, where the ring's own label is, and turned per ring so
        # that names on neighbouring rings do not line up.
        start = -math.pi / 2 + step / 2 + index * 1.2
        for position, member in enumerate(ring_members):
            angle = start + position * step
            x = CENTER_X + radius * math.cos(angle)
            y = CENTER_Y + radius * math.sin(angle)
            # Names below the dot; on the upper half of small rings above it.
            above = math.sin(angle) < -0.3 and position % 2 == 1
            nodes.append(
                Node(
                    member=member,
                    x=round(x, 1),
                    y=round(y, 1),
                    label=short(member.name),
                    label_y=round(y - 14 if above else y + 30, 1),
                )
            )
    return CircleMap(
        width=WIDTH,
        height=HEIGHT,
        cx=CENTER_X,
        cy=CENTER_Y,
        center_radius=CENTER_RADIUS,
        center_label=short(center_label, 10),
        rings=rings,
        nodes=nodes,
    )

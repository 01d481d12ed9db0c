"""The social map (sociale kaart), modelled on Open Referral HSDS 3.0.

Organisation, service, location and service-at-location are separate, as in HSDS. Every
record has a UUID that is its HSDS ``id``, so import and export keep identities. Parts of
HSDS that omzien shows but does not search on (funding, programmes, required documents,
service areas, accessibility notes, organisation identifiers) are kept verbatim in
``hsds_extra`` and exported unchanged.

``Service`` is the entry people search for: a community centre's open lunch, the
neighbourhood team, a repair café, a park bench. A few fields are denormalised onto it
(municipality, neighbourhood, point, free, the search text) by ``services.refresh_service``
so that search is one query.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NAMESPACE = uuid.UUID("6f6d7a69-656e-4f6d-9a69-656e00000000")


def stable_uuid(*parts: str) -> uuid.UUID:
    """The same UUID for the same name on every installation (for seeded terms)."""
    return uuid.uuid5(NAMESPACE, ":".join(parts))


class Kind(models.TextChoices):
    """The kinds of entries the seeds name. Each maps to an ABCD asset category."""

    FACILITY = "facility", _("public facility")
    ASSOCIATION = "association", _("association or club")
    FAITH = "faith", _("church, mosque or other faith community")
    SHOP = "shop", _("shop or local entrepreneur")
    INITIATIVE = "initiative", _("resident initiative")
    PEER_GROUP = "peer_group", _("peer-support group")
    EXPERIENCE = "experience", _("place run by experts by experience")
    PROFESSIONAL = "professional", _("professional in the neighbourhood")
    THIRD_PLACE = "third_place", _("meeting place (bench, square, playground)")
    OTHER = "other", _("other")


class AssetCategory(models.TextChoices):
    """The ABCD (asset-based community development) categories."""

    GIFTS = "gifts", _("people's gifts")
    ASSOCIATIONS = "associations", _("associations")
    INSTITUTIONS = "institutions", _("institutions")
    SPACES = "spaces", _("physical spaces")
    ECONOMY = "economy", _("local economy")


KIND_ASSET_CATEGORY: dict[str, str] = {
    Kind.FACILITY: AssetCategory.INSTITUTIONS,
    Kind.PROFESSIONAL: AssetCategory.INSTITUTIONS,
    Kind.ASSOCIATION: AssetCategory.ASSOCIATIONS,
    Kind.FAITH: AssetCategory.ASSOCIATIONS,
    Kind.INITIATIVE: AssetCategory.ASSOCIATIONS,
    Kind.PEER_GROUP: AssetCategory.ASSOCIATIONS,
    Kind.EXPERIENCE: AssetCategory.ASSOCIATIONS,
    Kind.THIRD_PLACE: AssetCategory.SPACES,
    Kind.SHOP: AssetCategory.ECONOMY,
    Kind.OTHER: AssetCategory.INSTITUTIONS,
}


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")
    INACTIVE = "inactive", _("inactive")
    DEFUNCT = "defunct", _("stopped")


class Publication(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("a place you can go to")
    POSTAL = "postal", _("postal address")
    VIRTUAL = "virtual", _("online")


class HsdsModel(models.Model):
    """An HSDS record: a UUID as its id, and HSDS parts omzien keeps but does not model."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    hsds_extra = models.JSONField(_("other HSDS data"), default=dict, blank=True)

    class Meta:
        abstract = True


def _localised(nl: str, en: str) -> str:
    return en if en and (get_language() or "nl").startswith("en") else nl


class Taxonomy(HsdsModel):
    """A list of terms: omzien's own (kinds, themes, target groups, inclusion) or imported."""

    slug = models.SlugField(_("key"), max_length=40, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    uri = models.URLField(_("URI"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsModel):
    taxonomy = models.ForeignKey(
        Taxonomy,
        verbose_name=_("taxonomy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="terms",
    )
    # HSDS also allows naming the taxonomy as free text only.
    taxonomy_name = models.CharField(_("taxonomy name"), max_length=200, blank=True)
    code = models.CharField(_("code"), max_length=100, blank=True)
    name = models.CharField(_("label (Dutch)"), max_length=200)
    name_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader term"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # A parent named in an imported file but not present anywhere: kept for export.
    parent_external_id = models.UUIDField(null=True, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    term_uri = models.URLField(_("URI"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        indexes = [models.Index(fields=["taxonomy", "code"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _localised(self.name, self.name_en)


class Organization(HsdsModel):
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    parent_external_id = models.UUIDField(null=True, blank=True, editable=False)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Location(HsdsModel):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
    )
    location_type = models.CharField(
        _("type of location"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    url = models.URLField(_("web address (online location)"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=250, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    # Floats without range checks: HSDS files are imported as they are. Only points in
    # range are put on the map or used for distance (see ``has_point``).
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    external_identifier = models.CharField(_("external identifier"), max_length=100, blank=True)
    external_identifier_type = models.CharField(
        _("type of external identifier"), max_length=100, blank=True
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_locations",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or str(self.id)

    @property
    def has_point(self) -> bool:
        return valid_point(self.latitude, self.longitude)

    @property
    def address(self) -> Address | None:
        addresses = list(self.addresses.all())
        physical = [a for a in addresses if a.address_type == "physical"]
        chosen = physical or addresses
        return chosen[0] if chosen else None


def valid_point(latitude: float | None, longitude: float | None) -> bool:
    return (
        latitude is not None
        and longitude is not None
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    )


class Address(HsdsModel):
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.CASCADE, related_name="addresses"
    )
    attention = models.CharField(_("for the attention of"), max_length=200, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=250)
    address_2 = models.CharField(_("address line 2"), max_length=250, blank=True)
    city = models.CharField(_("town"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    state_province = models.CharField(_("province"), max_length=120, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2, default="NL")
    address_type = models.CharField(
        _("type of address"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class ServiceQuerySet(models.QuerySet["Service"]):
    def published(self) -> ServiceQuerySet:
        return self.filter(publication=Publication.PUBLISHED)

    def findable(self) -> ServiceQuerySet:
        """Published and not stopped: what the public search shows."""
        return self.published().exclude(status__in=[ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT])


class Service(HsdsModel):
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.DRAFT
    )
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("interpreting and languages"), blank=True)
    application_process = models.TextField(_("how to take part"), blank=True)
    fees_description = models.TextField(_("costs"), blank=True)
    eligibility_description = models.TextField(_("for whom"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    alert = models.TextField(_("notice"), blank=True)
    assured_date = models.DateField(_("last checked on"), null=True, blank=True)
    assurer_email = models.EmailField(_("checked by (e-mail)"), blank=True)

    # Denormalised by services.refresh_service, for one-query search. No index of their
    # own: the indexes in Meta begin with them.
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_services",
        db_index=False,
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    is_free = models.BooleanField(_("free"), default=False, editable=False)
    search_document = models.TextField(blank=True, default="", editable=False)
    search_stems = models.TextField(blank=True, default="", editable=False)
    # PostgreSQL only: the name (weight A) and the search document (weight D) as a Dutch
    # tsvector, GIN-indexed, so search filters and ranks without parsing text per row.
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [
            models.Index(fields=["municipality", "publication", "status"]),
            models.Index(fields=["neighbourhood", "publication"]),
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["kind"]),
            # The public search lists findable entries by name: this index gives a page of
            # them in that order without sorting the whole table. With "free" and the kind
            # in it, counting the free entries (or those of a kind) reads only the index.
            models.Index(
                fields=["name", "id", "is_free", "kind"],
                name="directory_service_findable",
                condition=Q(publication=Publication.PUBLISHED)
                & ~Q(status__in=[ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="directory_service_age_range",
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
                violation_error_message=_("The minimum age cannot be above the maximum age."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", kwargs={"pk": self.pk})

    @property
    def asset_category(self) -> str:
        return KIND_ASSET_CATEGORY.get(self.kind, AssetCategory.INSTITUTIONS)


class ServiceAtLocation(HsdsModel):
    service = models.ForeignKey(
        Service,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("location"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    description = models.TextField(_("what is different at this location"), blank=True)

    class Meta:
        verbose_name = _("entry at a location")
        verbose_name_plural = _("entries at locations")

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Contact(HsdsModel):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("role"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.title or str(self.id)


class Phone(HsdsModel):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=60)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("type"), max_length=30, blank=True)
    description = models.TextField(_("when and what for"), blank=True)

    class Meta:
        verbose_name = _("phone number")
        verbose_name_plural = _("phone numbers")

    def __str__(self) -> str:
        return self.number


class ServiceLanguage(HsdsModel):
    """HSDS ``language``: a language a service, location or phone line is offered in."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(_("language"), max_length=100, blank=True)
    code = models.CharField(_("code"), max_length=10, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code


class ScheduleKind(models.TextChoices):
    REGULAR = "regular", _("regular hours")
    CLOSED = "closed", _("closed (holiday or temporary closure)")
    SPECIAL = "special", _("different hours")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


def listed(name: str, value: str) -> Q:
    """`value` is one of the comma-separated values in field `name`: what
    "',' || name || ',' contains ',value,'" says, in conditions on the column itself, whose
    statistics let PostgreSQL estimate how many rows match (and so pick a good plan)."""
    return (
        Q(**{name: value})
        | Q(**{f"{name}__startswith": f"{value},"})
        | Q(**{f"{name}__endswith": f",{value}"})
        | Q(**{f"{name}__contains": f",{value},"})
    )


def weekday_bit(code: str) -> int:
    """The bit of weekday `code` ("MO" … "SU") in ``Schedule.weekdays``."""
    return 1 << Weekday.values.index(code)


# What "open now" tests of a row of hours, besides the days.
OPEN_NOW_FIELDS = [
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "dtstart",
    "until",
    "for_service",
]


def _weekday_bits() -> Any:
    total: Any = models.Value(0)
    for code in Weekday.values:
        total = total + models.Case(
            models.When(listed("byday", code), then=models.Value(weekday_bit(code))),
            default=models.Value(0),
        )
    return total


class Schedule(HsdsModel):
    """HSDS ``schedule``: RFC 5545-style weekly or monthly hours, with a validity window.

    Exceptions (a holiday, a temporary closure, different hours on one day) are schedules
    of kind CLOSED or SPECIAL for the dates from ``valid_from`` to ``valid_to``; in HSDS
    they carry an attribute from omzien's schedule taxonomy so they round-trip.
    """

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    # The entry the hours are about, directly or through a service-at-location. Indexed
    # by the (for_service, kind) index in Meta.
    for_service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="all_schedules",
        editable=False,
        db_index=False,
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ScheduleKind.choices, default=ScheduleKind.REGULAR
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    dtstart = models.DateField(_("first date"), null=True, blank=True)
    timezone = models.FloatField(_("UTC offset"), null=True, blank=True)
    until = models.DateField(_("last date"), null=True, blank=True)
    count = models.PositiveIntegerField(_("number of times"), null=True, blank=True)
    wkst = models.CharField(_("week starts on"), max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(
        _("repeats"),
        max_length=10,
        choices=[("WEEKLY", _("weekly")), ("MONTHLY", _("monthly"))],
        blank=True,
    )
    interval = models.PositiveSmallIntegerField(_("every … weeks/months"), null=True, blank=True)
    byday = models.CharField(_("days"), max_length=100, blank=True)
    # The plain weekdays in ``byday`` as bits (Monday 1 … Sunday 64), kept by the database:
    # "open now" tests one bit rather than four text patterns on every row of hours.
    weekdays = models.GeneratedField(
        expression=_weekday_bits(),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        editable=False,
    )
    byweekno = models.CharField(_("week numbers"), max_length=100, blank=True)
    bymonthday = models.CharField(_("days of the month"), max_length=100, blank=True)
    byyearday = models.CharField(_("days of the year"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    schedule_link = models.URLField(_("link"), max_length=500, blank=True)
    attending_type = models.CharField(_("how to attend"), max_length=250, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["valid_from", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        indexes = [
            models.Index(fields=["for_service", "kind"]),
            # "Open now" reads the weekly hours from this index alone: every column it
            # tests is in it, the weekday and opening time first.
            models.Index(
                fields=["weekdays", *OPEN_NOW_FIELDS, "freq", "byday", "interval"],
                name="directory_schedule_weekly",
                condition=Q(kind=ScheduleKind.REGULAR, for_service__isnull=False),
            ),
            # the (few) monthly ones from this,
            models.Index(
                fields=[*OPEN_NOW_FIELDS, "bymonthday", "byday"],
                name="directory_schedule_monthly",
                condition=Q(kind=ScheduleKind.REGULAR, freq="MONTHLY", for_service__isnull=False),
            ),
            # and today's closures and special hours (a few rows) from this.
            models.Index(
                fields=["kind", *OPEN_NOW_FIELDS, "byday", "weekdays"],
                name="directory_schedule_exceptions",
                condition=Q(
                    kind__in=[ScheduleKind.CLOSED, ScheduleKind.SPECIAL], for_service__isnull=False
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.description or f"{self.byday} {self.opens_at}-{self.closes_at}"


class CostOption(HsdsModel):
    service = models.ForeignKey(
        Service, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="cost_options"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    option = models.CharField(_("for"), max_length=250, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR", blank=True)
    amount = models.DecimalField(_("amount"), max_digits=9, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(_("about the amount"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self) -> str:
        return f"{self.currency} {self.amount}"


class LinkEntity(models.TextChoices):
    SERVICE = "service", _("entry")
    ORGANIZATION = "organization", _("organisation")
    LOCATION = "location", _("location")
    SERVICE_AT_LOCATION = "service_at_location", _("entry at a location")
    SCHEDULE = "schedule", _("opening hours")


class Attribute(HsdsModel):
    """HSDS ``attribute``: a taxonomy term applied to any record (generic link)."""

    # Indexed by the unique constraint, which begins with it.
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes", db_index=False
    )
    link_entity = models.CharField(max_length=30)
    link_id = models.UUIDField()
    link_type = models.CharField(max_length=100, blank=True)
    value = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")
        indexes = [models.Index(fields=["link_entity", "link_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["taxonomy_term", "link_entity", "link_id"],
                name="directory_attribute_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.link_entity}:{self.link_id} → {self.taxonomy_term_id}"


class ChangeRecord(models.Model):
    """A per-field change history; exported as HSDS ``metadata``."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource_type = models.CharField(max_length=30)
    resource_id = models.UUIDField()
    last_action_date = models.DateTimeField()
    last_action_type = models.CharField(max_length=20)
    field_name = models.CharField(max_length=100)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-last_action_date", "field_name"]
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        indexes = [models.Index(fields=["resource_type", "resource_id", "-last_action_date"])]

    def __str__(self) -> str:
        return f"{self.resource_type}.{self.field_name} @ {self.last_action_date}"


class SearchWord(models.Model):
    """Every word in the social map once: the lexicon behind typo tolerance."""

    word = models.CharField(max_length=60, primary_key=True)
    first = models.CharField(max_length=1)  # indexed with the length, in Meta
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["first", "length"])]

    def __str__(self) -> str:
        return self.word


class PostcodeArea(models.Model):
    """The centre of a four-digit postcode area, for "near postcode …" searches."""

    postcode = models.CharField(_("postcode (4 digits)"), max_length=4, primary_key=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return self.postcode


class SuggestionKind(models.TextChoices):
    NEW = "new", _("new entry")
    CORRECTION = "correction", _("correction")


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Suggestion(models.Model):
    """A resident's suggestion for a new entry, or a correction to an existing one."""

    suggestion_type = models.CharField(
        _("type"), max_length=12, choices=SuggestionKind.choices, default=SuggestionKind.NEW
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("entry"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="suggestions",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, blank=True)
    name = models.CharField(_("name"), max_length=250, blank=True)
    description = models.TextField(_("what happens there"), blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    how_to_reach = models.CharField(_("how to get in touch"), max_length=250, blank=True)
    message = models.TextField(_("what should change"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_suggestions",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
    )
    reason = models.TextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    result = models.ForeignKey(
        Service,
        verbose_name=_("resulting entry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("suggested on"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                name="directory_suggestion_correction_has_entry",
                condition=~Q(suggestion_type="correction") | Q(service__isnull=False),
            ),
            models.CheckConstraint(
                name="directory_suggestion_rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(reason=""),
            ),
        ]

    def __str__(self) -> str:
        return self.name or (self.service.name if self.service else str(self.pk))

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "description": self.description,
            "address": self.address,
            "how_to_reach": self.how_to_reach,
            "message": self.message,
        }

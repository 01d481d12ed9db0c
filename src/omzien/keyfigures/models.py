"""CBS "Kerncijfers wijken en buurten": key figures per area and year, and each import.

A figure CBS does not publish (suppressed, unknown) is stored as NULL, never as 0: the
dashboard shows it as "onbekend". Shares are percentages (0-100) as CBS gives them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel
from omzien.neighbourhoods.models import District, Municipality, Neighbourhood


class AreaLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")


class SourceFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    ODATA = "odata", _("OData JSON")


class KeyFigureImport(TimeStampedModel):
    """One import of a CBS file: kept as history, also after a later import replaced it."""

    year = models.PositiveSmallIntegerField(_("year"))
    table_id = models.CharField(_("CBS table"), max_length=20, blank=True)
    source_format = models.CharField(_("format"), max_length=10, choices=SourceFormat.choices)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    areas_imported = models.PositiveIntegerField(_("areas imported"), default=0)
    areas_replaced = models.PositiveIntegerField(_("figures replaced"), default=0)
    areas_skipped = models.PositiveIntegerField(_("rows skipped"), default=0)
    skipped_codes = models.JSONField(_("skipped area codes"), default=list, blank=True)
    #: figure name -> the CBS column it came from ("Key" or "Key (Title)").
    columns = models.JSONField(_("columns used"), default=dict, blank=True)

    class Meta:
        ordering = ["-year", "-imported_at"]
        verbose_name = _("CBS import")
        verbose_name_plural = _("CBS imports")

    def __str__(self) -> str:
        return f"{self.year} · {self.table_id or '?'} · {self.imported_at:%Y-%m-%d %H:%M}"


def _share_field(verbose: Any) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=4, decimal_places=1, null=True, blank=True)


#: Count fields and the share (percentage) that goes with each.
AGE_GROUPS = ["age_0_15", "age_15_25", "age_25_45", "age_45_65", "age_65_plus"]
COUNT_FIELDS = ["population", *AGE_GROUPS, "households", "single_person_households"]
SHARE_FIELDS = [*(f"{age}_share" for age in AGE_GROUPS), "single_person_share", "social_rent_share"]


class KeyFigures(TimeStampedModel):
    """The key figures of one municipality, district or neighbourhood in one year."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=20, choices=AreaLevel.choices)
    area_code = models.CharField(_("CBS code"), max_length=10)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    district = models.ForeignKey(
        "neighbourhoods.District",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )

    population = models.PositiveIntegerField(_("residents"), null=True, blank=True)
    age_0_15 = models.PositiveIntegerField(_("0 to 15 years"), null=True, blank=True)
    age_15_25 = models.PositiveIntegerField(_("15 to 25 years"), null=True, blank=True)
    age_25_45 = models.PositiveIntegerField(_("25 to 45 years"), null=True, blank=True)
    age_45_65 = models.PositiveIntegerField(_("45 to 65 years"), null=True, blank=True)
    age_65_plus = models.PositiveIntegerField(_("65 years and older"), null=True, blank=True)
    age_0_15_share = _share_field(_("0 to 15 years (%)"))
    age_15_25_share = _share_field(_("15 to 25 years (%)"))
    age_25_45_share = _share_field(_("25 to 45 years (%)"))
    age_45_65_share = _share_field(_("45 to 65 years (%)"))
    age_65_plus_share = _share_field(_("65 years and older (%)"))
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    single_person_households = models.PositiveIntegerField(
        _("single-person households"), null=True, blank=True
    )
    single_person_share = _share_field(_("single-person households (share of households)"))
    social_rent_share = _share_field(_("homes owned by housing corporations (%)"))

    #: figure name -> the CBS column it came from; absent when the file had no such column.
    sources = models.JSONField(_("CBS columns"), default=dict, blank=True)
    table_id = models.CharField(_("CBS table"), max_length=20, blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    source_import = models.ForeignKey(
        KeyFigureImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="figures",
    )

    class Meta:
        ordering = ["area_code", "-year"]
        verbose_name = _("key figures")
        verbose_name_plural = _("key figures")
        constraints = [
            models.UniqueConstraint(
                fields=["area_code", "year"], name="keyfigures_one_row_per_area_and_year"
            ),
            models.CheckConstraint(
                name="keyfigures_exactly_one_area_of_its_level",
                condition=(
                    Q(
                        level=AreaLevel.MUNICIPALITY,
                        municipality__isnull=False,
                        district__isnull=True,
                        neighbourhood__isnull=True,
                    )
                    | Q(
                        level=AreaLevel.DISTRICT,
                        municipality__isnull=True,
                        district__isnull=False,
                        neighbourhood__isnull=True,
                    )
                    | Q(
                        level=AreaLevel.NEIGHBOURHOOD,
                        municipality__isnull=True,
                        district__isnull=True,
                        neighbourhood__isnull=False,
                    )
                ),
            ),
            *[
                models.CheckConstraint(
                    name=f"keyfigures_{name}_is_a_percentage",
                    condition=Q(**{f"{name}__isnull": True})
                    | Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                )
                for name in SHARE_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.area_code} {self.year}"

    @property
    def area(self) -> Municipality | District | Neighbourhood:
        area = self.neighbourhood or self.district or self.municipality
        assert area is not None  # noqa: S101 - a database constraint guarantees one
        return area

"""Areas: municipality (gemeente) → district (wijk) → neighbourhood (buurt), by CBS code."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel
from omzien.neighbourhoods.validators import (
    validate_district_code,
    validate_geometry,
    validate_municipality_code,
    validate_neighbourhood_code,
)


class AreaBase(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    latitude = models.DecimalField(
        _("latitude of centre"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude of centre"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    geometry = models.JSONField(
        _("boundary (GeoJSON)"), null=True, blank=True, validators=[validate_geometry]
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))


class Municipality(AreaBase):
    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[validate_municipality_code]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class District(AreaBase):
    code = models.CharField(
        _("CBS code"), max_length=8, unique=True, validators=[validate_district_code]
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="districts",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.municipality_id and self.code and validate_code_quietly(self.code, 6):
            expected = "WK" + self.municipality.code[2:]
            if not self.code.startswith(expected):
                raise ValidationError(
                    {
                        "code": _("A district code of this municipality starts with %(expected)s.")
                        % {"expected": expected}
                    }
                )


class Neighbourhood(AreaBase):
    code = models.CharField(
        _("CBS code"), max_length=10, unique=True, validators=[validate_neighbourhood_code]
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("neighbourhoods:detail", kwargs={"code": self.code})

    def clean(self) -> None:
        super().clean()
        if self.district_id and self.code and validate_code_quietly(self.code, 8):
            expected = "BU" + self.district.code[2:]
            if not self.code.startswith(expected):
                raise ValidationError(
                    {
                        "code": _("A neighbourhood code of this district starts with %(expected)s.")
                        % {"expected": expected}
                    }
                )

    @property
    def municipality(self) -> Municipality:
        return self.district.municipality


def validate_code_quietly(code: str, digits: int) -> bool:
    """True when the code has the right shape; the field validator reports it otherwise."""
    return len(code) == 2 + digits and code[2:].isdigit()

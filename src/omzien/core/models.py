"""Shared plumbing: the timestamped base model and the append-only audit log."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    READ = "read", _("viewed")
    WRITE = "write", _("changed")
    EXPORT = "export", _("exported")
    ERASE = "erase", _("erased")


_Row = TypeVar("_Row", bound=models.Model)


class HistoryIsAppendOnly(Exception):
    """A row of an append-only history (a report's or a match's steps) cannot change."""


class AppendOnlyQuerySet(models.QuerySet[_Row]):
    """Bulk updates and deletes are refused (on PostgreSQL a trigger may refuse them too)."""

    def update(self, **kwargs: Any) -> int:
        raise HistoryIsAppendOnly(f"{self.model.__name__} rows cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly(f"{self.model.__name__} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A history row: written once, never edited or deleted through the ORM (a cascade
    from the row it belongs to still removes it)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise HistoryIsAppendOnly(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryIsAppendOnly(f"{type(self).__name__} rows cannot be deleted.")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def about(self, subject_type: str, subject_id: int) -> AuditEntryQuerySet:
        return self.filter(subject_type=subject_type, subject_id=subject_id)

    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly(_("Audit entries cannot be changed."))

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(_("Audit entries cannot be deleted."))


class AuditLogIsAppendOnly(Exception):
    pass


class AuditEntry(models.Model):
    """One read or write of someone's sensitive data. Never edited, never deleted.

    The subject is referenced by type and id rather than a foreign key: core imports no
    domain app, and an entry must outlive the erasure of the person it is about.
    """

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept when the actor's account is removed, so the log still says who it was.
    actor_label = models.CharField(_("who (name)"), max_length=200)
    subject_type = models.CharField(_("about (type)"), max_length=100)
    subject_id = models.BigIntegerField(_("about (id)"))
    category = models.CharField(_("what"), max_length=50)
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    purpose = models.CharField(_("purpose"), max_length=50, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["subject_type", "subject_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.category}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly(_("Audit entries cannot be deleted."))

"""Accounts (login by e-mail), roles per area and API tokens."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(
        _("e-mail address"),
        unique=True,
        error_messages={"unique": _("An account with this e-mail address already exists.")},
    )
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # noqa: RUF012 - Django's own class attribute

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_ci_unique",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return (self.display_name or self.email).split(" ")[0]


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    VOLUNTEER = "volunteer", _("volunteer or key figure")
    PROFESSIONAL = "professional", _("professional")
    COORDINATOR = "coordinator", _("coordinator")
    ANALYST = "analyst", _("analyst")
    ADMIN = "admin", _("administrator")


#: Roles whose holders see personal data or manage the system: they must log in with 2FA.
TWO_FACTOR_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR, Role.ADMIN})
#: Roles that work with individual residents (with consent) in their area.
STAFF_ROLES = frozenset({Role.PROFESSIONAL, Role.COORDINATOR})


class RoleAssignment(TimeStampedModel):
    """A user holds a role in one area; a role on a municipality or district covers its
    neighbourhoods."""

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    district = models.ForeignKey(
        "neighbourhoods.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                name="accounts_role_exactly_one_area",
                condition=(
                    Q(municipality__isnull=False, district__isnull=True, neighbourhood__isnull=True)
                    | Q(
                        municipality__isnull=True,
                        district__isnull=False,
                        neighbourhood__isnull=True,
                    )
                    | Q(
                        municipality__isnull=True,
                        district__isnull=True,
                        neighbourhood__isnull=False,
                    )
                ),
                violation_error_message=_("A role applies to exactly one area."),
            ),
            # One constraint per kind of area: NULLs never clash in a unique constraint.
            *[
                models.UniqueConstraint(
                    fields=["user", "role", area],
                    condition=Q(**{f"{area}__isnull": False}),
                    name=f"accounts_role_unique_{area}",
                    violation_error_message=_("This person already has this role here."),
                )
                for area in ("municipality", "district", "neighbourhood")
            ],
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"

    @property
    def area(self) -> Any:
        return self.neighbourhood or self.district or self.municipality


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A personal API token. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

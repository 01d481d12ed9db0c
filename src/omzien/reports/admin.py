"""The report point in the management site: categories, questions, teams, standard texts.

Reports themselves are handled on the back-office pages (through the workflow service), so
they are not editable here.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from omzien.reports.models import (
    Category,
    OutboundMail,
    Question,
    RoutingRule,
    StandardText,
    Team,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "parent",
        "kind",
        "municipality",
        "order",
        "deadline_amount",
        "deadline_unit",
        "is_active",
    ]
    list_filter = ["municipality", "kind", "is_active"]
    search_fields = ["name", "slug"]
    inlines = [QuestionInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["municipality", "kind"]
    filter_horizontal = ["members", "leads", "responsible_for", "may_view"]


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    list_display = ["title", "for_status", "municipality"]
    list_filter = ["municipality"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "order", "category", "team", "team_kind", "to_on_call"]
    list_editable = ["order"]
    list_filter = ["municipality", "is_active", "to_on_call"]
    ordering = ["municipality", "order", "pk"]


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin):
    """Read-only: which report mails wait, were sent or failed (no addresses or texts)."""

    list_display = ["report", "kind", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [
        "report",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    ]
    fields = (
        "report",
        "kind",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

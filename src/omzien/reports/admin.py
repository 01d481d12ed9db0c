"""The report point in the management site: categories, questions, teams, standard texts.

Reports themselves are handled on the back-office pages (through the workflow service), so
they are not editable here.
"""

from django.contrib import admin

from omzien.reports.models import Category, Question, RoutingRule, StandardText, Team


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

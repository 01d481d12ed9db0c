"""The report point in the management site: categories, questions, teams, standard texts.

Reports themselves are handled on the back-office pages (through the workflow service), so
they are not editable here.
"""

from django.contrib import admin

from omzien.reports.models import Category, Question, StandardText, Team


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "kind", "municipality", "order", "is_active"]
    list_filter = ["municipality", "kind", "is_active"]
    search_fields = ["name", "slug"]
    inlines = [QuestionInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "is_active"]
    list_filter = ["municipality", "kind"]
    filter_horizontal = ["members", "responsible_for", "may_view"]


@admin.register(StandardText)
class StandardTextAdmin(admin.ModelAdmin):
    list_display = ["title", "for_status", "municipality"]
    list_filter = ["municipality"]

"""The social map in the management site: every HSDS part, for power users.

Day-to-day editing (with the change history) happens on the social-map pages; the admin
is for structure: taxonomies, organisations, locations, postcode areas.
"""

from django.contrib import admin

from omzien.directory.models import (
    Address,
    Location,
    Organization,
    PostcodeArea,
    Taxonomy,
    TaxonomyTerm,
)


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "version"]
    search_fields = ["name"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "name_en", "code"]
    autocomplete_fields = ["parent"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "updated_at"]
    search_fields = ["name", "alternate_name"]
    list_filter = ["municipality"]
    autocomplete_fields = ["parent"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "location_type", "neighbourhood", "organization"]
    list_filter = ["location_type", "neighbourhood"]
    search_fields = ["name"]
    inlines = [AddressInline]
    autocomplete_fields = ["organization"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["postcode", "name", "latitude", "longitude"]
    search_fields = ["postcode", "name"]

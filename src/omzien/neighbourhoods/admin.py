from django.contrib import admin

from omzien.neighbourhoods.models import District, Municipality, Neighbourhood


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0
    fields = ["code", "name"]
    show_change_link = True


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    extra = 0
    fields = ["code", "name"]
    show_change_link = True


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    inlines = [DistrictInline]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality"]
    list_filter = ["municipality"]
    search_fields = ["code", "name"]
    list_select_related = ["municipality"]
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "district"]
    list_filter = ["district__municipality", "district"]
    search_fields = ["code", "name"]
    list_select_related = ["district"]

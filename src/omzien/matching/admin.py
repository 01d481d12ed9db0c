from django.contrib import admin

from omzien.matching.models import Listing


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "topic", "neighbourhood", "created_at", "hidden_at")
    list_filter = ("kind", "topic")
    raw_id_fields = ("owner", "author", "organization", "activity", "location", "hidden_by")

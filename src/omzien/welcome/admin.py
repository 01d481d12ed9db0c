from django.contrib import admin

from omzien.welcome.models import ActivityTask


@admin.register(ActivityTask)
class ActivityTaskAdmin(admin.ModelAdmin):
    # Referrals and contributions hold personal data: they are not in the admin.
    list_display = ["name", "activity", "session", "places", "is_active"]
    list_filter = ["is_active"]
    raw_id_fields = ["activity", "session"]

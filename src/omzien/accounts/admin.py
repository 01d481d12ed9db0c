from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from omzien.accounts import services
from omzien.accounts.models import ApiToken, RoleAssignment, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "display_name"]
    list_filter = ["is_active", "is_staff", "roles__role"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Name"), {"fields": ("display_name",)}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    """Roles are given and taken through the services, so the admin role's access to this
    site follows; a role is not edited in place (remove it and give a new one)."""

    list_display = ["user", "role", "municipality", "district", "neighbourhood"]
    list_filter = ["role"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user", "municipality", "district", "neighbourhood"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        created = services.role_assign(user=obj.user, role=obj.role, area=obj.area)
        obj.pk = created.pk

    def delete_model(self, request, obj):
        services.role_revoke(assignment=obj)

    def delete_queryset(self, request, queryset):
        for assignment in queryset:
            services.role_revoke(assignment=assignment)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["token_hash", "prefix", "last_used_at"]
    search_fields = ["user__email", "name"]

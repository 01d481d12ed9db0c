from django.contrib import admin

from omzien.people.models import Language, Person, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["label_nl", "label_en", "parent", "slug", "order"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["label_nl", "label_en", "slug"]
    prepopulated_fields = {"slug": ["label_en"]}


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "name_en"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Administrators see who exists and where, never contact details or notes:
    those are opened only with consent, in the application, and logged."""

    list_display = ["first_name", "neighbourhood", "has_account", "created_at"]
    list_filter = ["neighbourhood"]
    search_fields = ["first_name", "last_name"]
    fields = ["first_name", "last_name", "neighbourhood", "erased_at"]
    readonly_fields = ["first_name", "last_name", "erased_at"]
    list_select_related = ["neighbourhood"]

    @admin.display(boolean=True)
    def has_account(self, obj: Person) -> bool:
        return obj.user_id is not None

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

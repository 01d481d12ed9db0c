from django.urls import path

from omzien.people import views

app_name = "people"

urlpatterns = [
    path("aanmelden/", views.signup, name="signup"),
    path("start/", views.start, name="start"),
    path("mijn/profiel/", views.my_profile, name="my_profile"),
    path("mijn/profiel/wijzigen/", views.my_profile_edit, name="my_profile_edit"),
    path("mijn/contact/", views.my_contact_edit, name="my_contact_edit"),
    path("mijn/toestemmingen/", views.my_consents, name="my_consents"),
    path("mijn/inzage/", views.my_access_log, name="my_access_log"),
    path("mijn/gegevens/", views.my_data, name="my_data"),
    path("mijn/gegevens/download/", views.my_data_download, name="my_data_download"),
    path("toestemmingen/<int:pk>/intrekken/", views.consent_revoke, name="consent_revoke"),
    path("bewoners/", views.people_list, name="list"),
    path("bewoners/nieuw/", views.person_register, name="register"),
    path("bewoners/<int:pk>/", views.person_detail, name="detail"),
    path("bewoners/<int:pk>/wijzigen/", views.person_edit, name="edit"),
    path("bewoners/<int:pk>/contact/", views.person_contact_edit, name="contact_edit"),
    path("bewoners/<int:pk>/toestemming/", views.person_consent_new, name="consent_new"),
    path("bewoners/<int:pk>/notitie/", views.person_note_new, name="note_new"),
    path("bewoners/<int:pk>/gegevens/", views.person_export, name="export"),
    path("bewoners/<int:pk>/wissen/", views.person_erase, name="erase"),
    path("logboek/", views.audit_log, name="audit_log"),
    path("logboek/export.csv", views.audit_log_csv, name="audit_log_csv"),
    path("cijfers/", views.figures, name="figures"),
]

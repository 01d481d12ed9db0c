from django.urls import path

from omzien.scan import views

app_name = "scan"

urlpatterns = [
    path("", views.index, name="index"),
    path("buurt/<str:code>/", views.neighbourhood, name="neighbourhood"),
    path("buurt/<str:code>/nieuw/", views.session_create, name="session_create"),
    path("buurt/<str:code>/buurt-dna/", views.dna, name="dna"),
    path("buurt/<str:code>/buurt-dna/bewerken/", views.dna_edit, name="dna_edit"),
    path("buurt/<str:code>/buurt-dna/geschiedenis/", views.dna_history, name="dna_history"),
    path("buurt/<str:code>/vragenlijst/nieuw/", views.campaign_create, name="campaign_create"),
    path("scan/<int:pk>/", views.session, name="session"),
    path("scan/<int:pk>/deelnemer/", views.participant_add, name="participant_add"),
    path("deelnemer/<int:pk>/invullen/", views.fill_in, name="fill_in"),
    path("vragenlijst/<int:pk>/", views.campaign, name="campaign"),
    path("vragenlijst/<int:pk>/open-dicht/", views.campaign_toggle, name="campaign_toggle"),
    path("v/", views.questionnaire_start, name="questionnaire_start"),
    path("v/<str:code>/", views.questionnaire, name="questionnaire"),
]

from django.urls import path

from omzien.circles import views

app_name = "circles"

urlpatterns = [
    path("", views.circle_list, name="list"),
    path("nieuw/", views.circle_create, name="create"),
    path("mijn/", views.mine, name="mine"),
    path("<int:pk>/", views.circle_detail, name="detail"),
    path("<int:pk>/bewerken/", views.circle_edit, name="edit"),
    path("<int:pk>/starten/", views.circle_start, name="start"),
    path("<int:pk>/deelnemers/nieuw/", views.member_add, name="member_add"),
    path("deelnemer/<int:pk>/stopt/", views.member_end, name="member_end"),
    path("<int:pk>/bijeenkomsten/nieuw/", views.meeting_add, name="meeting_add"),
    path("bijeenkomst/<int:pk>/aanwezig/", views.attendance, name="attendance"),
    path("<int:pk>/afspraken/nieuw/", views.agreement_add, name="agreement_add"),
    path("afspraak/<int:pk>/", views.agreement_status, name="agreement_status"),
    path("<int:pk>/afsluiten/", views.circle_close, name="close"),
]

from django.urls import path

from omzien.reports import views

app_name = "reports"

urlpatterns = [
    path("melden/", views.start, name="start"),
    path("melden/kaart/", views.public_map, name="public_map"),
    path("melden/kaart.geojson", views.public_map_geojson, name="public_map_geojson"),
    path("melden/ontvangen/<str:token>/", views.thanks, name="thanks"),
    path("melden/volgen/<str:token>/", views.track, name="track"),
    path("melden/<str:code>/<slug:slug>/", views.report_form, name="form"),
    path("meldingen/", views.staff_list, name="staff_list"),
    path("meldingen/te-laat/", views.staff_overdue, name="staff_overdue"),
    path("meldingen/taken/", views.outreach_tasks, name="outreach_tasks"),
    path("meldingen/routering/", views.routing_rules, name="routing_rules"),
    path("meldingen/routering/nieuw/<str:code>/", views.routing_rule_add, name="routing_rule_add"),
    path(
        "meldingen/routering/<int:pk>/bewerken/",
        views.routing_rule_edit,
        name="routing_rule_edit",
    ),
    path(
        "meldingen/routering/<int:pk>/verwijderen/",
        views.routing_rule_delete,
        name="routing_rule_delete",
    ),
    path(
        "meldingen/routering/<int:pk>/verplaatsen/",
        views.routing_rule_move,
        name="routing_rule_move",
    ),
    path("meldingen/<str:reference>/", views.staff_detail, name="staff_detail"),
    path("meldingen/<str:reference>/foto/", views.staff_photo, name="staff_photo"),
]

from django.urls import path

from omzien.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.index, name="index"),
    path("kennisbank/", views.knowledge, name="knowledge"),
    path("kennisbank/nieuw/", views.intervention_create, name="intervention_create"),
    path("kennisbank/<int:pk>/", views.intervention, name="intervention"),
    path("kennisbank/<int:pk>/bewerken/", views.intervention_edit, name="intervention_edit"),
    path("kennisbank/<int:pk>/intrekken/", views.intervention_retire, name="intervention_retire"),
    path("buurt/<str:code>/", views.plan, name="plan"),
    path("buurt/<str:code>/aanbevelingen/", views.recommendations, name="recommendations"),
    path("buurt/<str:code>/actie/nieuw/", views.action_create, name="action_create"),
    path("buurt/<str:code>/wijkagenda/", views.agenda, name="agenda"),
    path("buurt/<str:code>/voortgang/", views.progress, name="progress"),
    path("actie/<int:pk>/", views.action, name="action"),
    path("actie/<int:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("actie/<int:pk>/status/", views.action_status, name="action_status"),
    path("actie/<int:pk>/evaluatie/", views.evaluation_form, name="evaluation_add"),
    path(
        "actie/<int:pk>/evaluatie/<int:evaluation_pk>/",
        views.evaluation_form,
        name="evaluation_edit",
    ),
]

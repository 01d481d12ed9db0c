from django.urls import path

from omzien.support import views

app_name = "support"

urlpatterns = [
    path("mijn-netwerk/", views.my_network, name="my_network"),
    path("mijn-plan/", views.my_plan, name="my_plan"),
    path("gedeeld-met-mij/", views.shared_with_me, name="shared"),
    path("<int:pk>/netwerk/", views.network, name="network"),
    path("<int:pk>/netwerk/nieuw/", views.member_new, name="member_new"),
    path("<int:pk>/netwerk/<int:member_pk>/", views.member_edit, name="member_edit"),
    path(
        "<int:pk>/netwerk/<int:member_pk>/verwijderen/",
        views.member_remove,
        name="member_remove",
    ),
    path("<int:pk>/plan/", views.plan, name="plan"),
    path("<int:pk>/plan/schrijven/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/versies/", views.plan_versions, name="plan_versions"),
    path("<int:pk>/plan/wie-mag-lezen/", views.plan_readers, name="plan_readers"),
    path("<int:pk>/plan/signaleringsplan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/plan/crisiskaart.pdf", views.crisis_card_pdf, name="crisis_card_pdf"),
]

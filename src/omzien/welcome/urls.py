from django.urls import path

from omzien.welcome import views

app_name = "welcome"

urlpatterns = [
    path("meehelpen/", views.tasks, name="tasks"),
    path("mijn-bijdrage/", views.contributions, name="contributions"),
    path("activiteit/<int:pk>/taken/", views.activity_tasks, name="activity_tasks"),
    path("taak/<int:pk>/klaar/", views.claim_done, name="claim_done"),
    path("verwijzingen/", views.referrals, name="referrals"),
    path("verwijzen/", views.referral_new, name="referral_new"),
    path("verwijzing/<int:pk>/", views.referral, name="referral"),
    path("verwijzing/<int:pk>/gekomen/", views.referral_visit, name="referral_visit"),
    path("navraag/<int:pk>/", views.follow_up, name="follow_up"),
]

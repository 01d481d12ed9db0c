from django.urls import path

from omzien.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("nieuw/", views.activity_create, name="create"),
    path("mijn/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.activity_edit, name="edit"),
    path("<int:pk>/agenda.ics", views.activity_ical, name="activity_ical"),
    path("buurt/<str:code>/", views.neighbourhood_agenda, name="neighbourhood"),
    path("buurt/<str:code>/agenda.ics", views.neighbourhood_ical, name="neighbourhood_ical"),
    path("sessie/<int:pk>/aanwezig/", views.check_in, name="check_in"),
    path("sessie/<int:pk>/aanmelden/", views.session_sign_up, name="sign_up"),
    path("sessie/<int:pk>/aanmeldingen/", views.session_sign_ups, name="sign_ups"),
    path("sessie/<int:pk>/beheren/", views.session_manage, name="session_manage"),
    path("signalen/", views.signals, name="signals"),
    path("signalen/<int:pk>/", views.signal, name="signal"),
]

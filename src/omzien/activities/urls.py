from django.urls import path

from omzien.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/agenda.ics", views.activity_ical, name="activity_ical"),
    path("buurt/<str:code>/agenda.ics", views.neighbourhood_ical, name="neighbourhood_ical"),
    path("sessie/<int:pk>/aanwezig/", views.check_in, name="check_in"),
    path("signalen/", views.signals, name="signals"),
    path("signalen/<int:pk>/", views.signal, name="signal"),
]

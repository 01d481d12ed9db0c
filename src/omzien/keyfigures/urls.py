from django.urls import path

from omzien.keyfigures import views

app_name = "keyfigures"

urlpatterns = [
    path("", views.imports, name="imports"),
]

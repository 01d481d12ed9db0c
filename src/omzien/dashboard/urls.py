from django.urls import path

from omzien.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("vergelijken/", views.compare, name="compare"),
    path("<str:code>/", views.neighbourhood, name="neighbourhood"),
    path("<str:code>/rapport.pdf", views.report_pdf, name="report_pdf"),
]

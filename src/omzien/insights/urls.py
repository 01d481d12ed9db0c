from django.urls import path

from omzien.insights import views

app_name = "insights"

urlpatterns = [
    path("<int:pk>/wie-verbindt/", views.connectors, name="connectors"),
]

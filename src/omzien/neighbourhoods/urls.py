from django.urls import path

from omzien.neighbourhoods import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", views.neighbourhood_list, name="list"),
    path("<str:code>/", views.neighbourhood_detail, name="detail"),
]

from django.urls import path

from omzien.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("nieuw/", views.create, name="create"),
    path("voorstellen/", views.suggest, name="suggest"),
    path("mijn-voorstellen/", views.my_suggestions, name="my_suggestions"),
    path("beoordelen/", views.review_queue, name="review_queue"),
    path("beoordelen/<int:pk>/", views.review, name="review"),
    path("buurt/<str:code>/", views.asset_map, name="asset_map"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("<uuid:pk>/bewerken/", views.edit, name="edit"),
    path("<uuid:pk>/openingstijden/", views.edit_hours, name="edit_hours"),
    path("<uuid:pk>/gecontroleerd/", views.verify, name="verify"),
    path("<uuid:pk>/correctie/", views.suggest_correction, name="suggest_correction"),
]

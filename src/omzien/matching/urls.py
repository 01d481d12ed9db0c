from django.urls import path

from omzien.matching import views

app_name = "matching"

urlpatterns = [
    path("", views.board, name="board"),
    path("nieuw/<str:kind_slug>/", views.listing_create, name="create"),
    path("taak/nieuw/", views.task_create, name="task_create"),
    path("voor/<int:person_pk>/<str:kind_slug>/", views.listing_create_for, name="create_for"),
    path("<int:pk>/", views.listing_detail, name="listing"),
    path("<int:pk>/bewerken/", views.listing_edit, name="edit"),
    path("<int:pk>/sluiten/", views.listing_close, name="close"),
    path("<int:pk>/verbergen/", views.listing_hide, name="hide"),
    path("<int:pk>/tonen/", views.listing_unhide, name="unhide"),
    path("<int:pk>/suggesties/", views.suggestions, name="suggestions"),
    path("match/<int:pk>/", views.match_detail, name="match"),
    path("ronde/", views.batch_round, name="round"),
    path("geven-en-krijgen/", views.give_and_take, name="give_and_take"),
    path("cijfers/", views.figures, name="figures"),
]

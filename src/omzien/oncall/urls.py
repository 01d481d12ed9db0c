from django.urls import path

from omzien.oncall import views

app_name = "oncall"

urlpatterns = [
    path("", views.index, name="index"),
    path("wijk/<str:code>/", views.rota, name="rota"),
    path("wijk/<str:code>/nu/", views.reachable, name="reachable"),
    path("wijk/<str:code>/nieuw/", views.shift_create, name="shift_create"),
    path("wijk/<str:code>/week-kopieren/", views.copy_week, name="copy_week"),
    path("dienst/<int:pk>/", views.shift_edit, name="shift_edit"),
    path("dienst/<int:pk>/verwijderen/", views.shift_delete, name="shift_delete"),
]

from django.urls import path

from . import views

app_name = "my"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/", views.data, name="data"),
    path("data/download/", views.data_download, name="data_download"),
    path("delete/", views.delete, name="delete"),
    path("organisations/new/", views.create, name="create"),
    path("organisations/join/", views.join, name="join"),
    path("organisations/<int:organisation_id>/", views.organisation, name="organisation"),
    path("organisations/<int:organisation_id>/members/", views.members, name="members"),
    path("organisations/<int:organisation_id>/facts/", views.facts, name="facts"),
    path("organisations/<int:organisation_id>/news/", views.news, name="news"),
    path("organisations/<int:organisation_id>/news/new/", views.news_new, name="news_new"),
    path("organisations/<int:organisation_id>/projects/", views.projects, name="projects"),
    path(
        "organisations/<int:organisation_id>/projects/new/", views.project_new, name="project_new"
    ),
    path(
        "organisations/<int:organisation_id>/profile/<str:language>/",
        views.profile,
        name="profile",
    ),
]

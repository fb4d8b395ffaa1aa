"""Token links from e-mails, mounted outside the language prefix:
``path("calls/", include("calls.urls"))`` in portal/urls.py, before ``i18n_patterns``."""

from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("follow/confirm/<str:token>/", views.confirm_follow, name="confirm_follow"),
    path("follow/stop/<str:token>/", views.stop_following, name="stop_following"),
]

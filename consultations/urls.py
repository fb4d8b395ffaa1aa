"""Mounted by portal/urls.py inside the language prefix, before Wagtail's catch-all."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.request_consultation, name="request"),
    path("sent/", views.request_sent, name="sent"),
]

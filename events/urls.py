"""The ``.ics`` files of the events area (a dot never reaches Wagtail's catch-all), mounted by
portal/urls.py inside the language prefix: /et/events/calendar.ics,
/et/events/<slug>/calendar.ics. The pages also serve them at ``calendar/`` routes."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("<slug:slug>/calendar.ics", views.event_calendar_ics, name="event_calendar"),
]

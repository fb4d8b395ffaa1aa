"""URLs of the calls area that Wagtail's page routing cannot serve: the ``.ics`` files (a dot
never reaches Wagtail's catch-all) and the token links of follow e-mails (the one-click stop
must be exempt from CSRF, which a page route cannot be).

portal/urls.py mounts them inside the language prefix, before Wagtail's catch-all
(``path("calls/", include("calls.urls"))``), so that /ru/calls/calendar.ics and
/ru/calls/follow/stop/<token>/ answer in the language of the call. The pages also serve their
calendars at ``calendar/`` routes, used only where these URLs are not mounted.
"""

from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("<slug:slug>/calendar.ics", views.call_calendar_ics, name="call_calendar"),
    path("follow/confirm/<str:token>/", views.confirm_follow, name="confirm_follow"),
    path("follow/stop/<str:token>/", views.stop_following, name="stop_following"),
]

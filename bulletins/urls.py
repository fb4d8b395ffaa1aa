"""URLs of subscribing to the bulletin that are not pages.

``urlpatterns`` lives under the language prefix (``/ru/newsletter/subscribe/``), mounted in
portal/urls.py before Wagtail's catch-all. ``token_urlpatterns`` are the links in e-mails,
outside the prefix (``/newsletter/confirm/<token>/``): each page is shown in the language of the
subscriber the token was made for, and the one-click unsubscribe is exempt from CSRF, which no
page route can be.
"""

from django.urls import path

from . import views_subscribers as views

urlpatterns = [
    path("subscribe/", views.subscribe, name="newsletter_subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="newsletter_subscribe_sent"),
]

token_urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
    path("preferences/<str:token>/", views.preferences, name="newsletter_preferences"),
    path("preferences/<str:token>/data/", views.download_data, name="newsletter_data"),
    path("preferences/<str:token>/delete/", views.delete_data, name="newsletter_delete"),
]

"""The project's URLs with calls/urls.py mounted inside the language prefix, as calls/urls.py
asks portal/urls.py to do; conftest.py uses it only while portal/urls.py does not."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import LocalePrefixPattern, include, path

from portal.urls import handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

prefixed = [
    pattern
    for pattern in portal_urlpatterns
    if isinstance(getattr(pattern, "pattern", None), LocalePrefixPattern)
]
urlpatterns = [pattern for pattern in portal_urlpatterns if pattern not in prefixed]
urlpatterns += i18n_patterns(
    path("calls/", include("calls.urls")),
    *[inner for resolver in prefixed for inner in resolver.url_patterns],
    prefix_default_language=True,
)

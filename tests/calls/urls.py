"""The project's URLs plus the calls token links, for as long as portal/urls.py does not mount
``calls.urls`` itself (see calls/urls.py); conftest.py switches to it only then."""

from django.urls import include, path

from portal.urls import handler500  # noqa: F401
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [path("calls/", include("calls.urls")), *portal_urlpatterns]

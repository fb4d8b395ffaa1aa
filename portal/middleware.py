import logging

from .navigation import site_for_request

logger = logging.getLogger(__name__)


class CachedSiteMiddleware:
    """Finds the request's Wagtail site in the cache. Wagtail looks for it in the database on
    every request unless ``request._wagtail_site`` is set, which is where
    ``Site.find_for_request`` keeps what it found."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = site_for_request(request)
        except Exception:
            # A shortcut only: without it Wagtail looks for the site itself.
            # With the database or the cache down, the views decide what to answer
            # (/healthz reports which part is down).
            logger.warning("Could not look up the site of %s", request.path, exc_info=True)
        return self.get_response(request)

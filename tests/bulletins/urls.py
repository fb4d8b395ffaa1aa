"""portal.urls, plus stand-ins for the subscriber links' URL names while their views are not
there yet (they come with the subscribers' work): the e-mails need the names to build links.
Once the real views exist, this adds nothing and the real ones answer."""

from django.http import Http404
from django.urls import get_resolver, path

from bulletins.tokens import URL_NAMES
from portal.urls import urlpatterns as portal_urlpatterns


def _not_here_yet(request, token):
    raise Http404


_known = get_resolver("portal.urls").reverse_dict
urlpatterns = [
    path(f"newsletter/{name.removeprefix('newsletter_')}/<str:token>/", _not_here_yet, name=name)
    for name in URL_NAMES.values()
    if name not in _known
] + list(portal_urlpatterns)


def real_views():
    """Whether the subscriber link views of the project answer (not these stand-ins)."""
    return all(name in _known for name in URL_NAMES.values())

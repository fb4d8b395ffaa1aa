"""Admin viewsets whose words follow each editor's language.

Wagtail's snippet viewset builds its breadcrumbs with ``gettext`` when the admin's URLs are
first loaded, so every editor served by that process would read "Home" in the language of the
process's first request; here the same breadcrumbs are translated when a page is shown."""

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views import snippets


class SnippetViewSet(snippets.SnippetViewSet):
    @property
    def breadcrumbs_items(self):
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}]
        if (
            getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
            or not self.get_menu_item_is_registered()
        ):
            items.append({"url": reverse_lazy("wagtailsnippets:index"), "label": _("Snippets")})
        return items

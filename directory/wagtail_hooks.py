from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ActivityField


class ActivityFieldViewSet(SnippetViewSet):
    model = ActivityField
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "keywords"]


register_snippet(ActivityFieldViewSet)

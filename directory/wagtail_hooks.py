from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.navigation import remember
from portal.sections import CALL_PAGE_SECTIONS, HOME_SECTIONS
from portal.viewsets import SnippetViewSet

from .indexing import closest_version
from .models import ActivityField, DirectoryIndexPage, Organisation, OrganisationPage, TargetGroup
from .search import newest_organisations


class ActivityFieldViewSet(SnippetViewSet):
    model = ActivityField
    icon = "tag"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "keywords"]
    # A database filter: the SQLite full-text index has no per-field columns, and searching
    # a few hundred concepts needs none ("no such column: name" otherwise).
    search_backend_name = None


class TargetGroupViewSet(ActivityFieldViewSet):
    model = TargetGroup
    icon = "group"
    menu_order = 310


class OrganisationViewSet(SnippetViewSet):
    """The language-neutral facts of organisations, shared by every language version of a
    profile."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 290
    add_to_admin_menu = True
    list_display = ["registered_name", "registry_code", "county", "town", "is_listed"]
    list_filter = ["county", "legal_form", "looking_for_partners"]
    search_fields = ["registered_name", "registry_code", "town"]
    list_export = ["registered_name", "registry_code", "legal_form", "county", "town", "email"]
    ordering = ["registered_name"]


register_snippet(ActivityFieldViewSet)
register_snippet(TargetGroupViewSet)
register_snippet(OrganisationViewSet)


@hooks.register(HOME_SECTIONS)
def newest_organisations_section(page, request):
    language = get_language()
    organisations = remember(
        request, f"newest-organisations:{language}", lambda site: newest_organisations(language)
    )
    if not organisations:
        return None

    def directory_url(site):
        # Found through the few directory pages' ids: ``child_of(page)``, or the language
        # alone, makes SQLite walk every page of the language, the profiles included.
        directory = next(
            (
                candidate
                for candidate in DirectoryIndexPage.objects.live().filter(
                    locale_id=page.locale_id, pk__in=DirectoryIndexPage.objects.values("pk")
                )
                if candidate.path.startswith(page.path)
            ),
            None,
        )
        return directory.get_url(request) if directory else ""

    return {
        "template": "directory/includes/home_newest.html",
        "order": 30,
        "organisations": organisations,
        "directory_url": remember(request, f"directory-url:{page.pk}", directory_url),
    }


@hooks.register(CALL_PAGE_SECTIONS)
def call_partners_section(page, request):
    """Organisations looking for partners for this call, in any language version of it."""
    language = get_language()
    organisations = remember(
        request,
        f"call-partners:{page.translation_key}:{language}",
        lambda site: partners_for_call(page, language),
    )
    if not organisations:
        return None
    return {"template": "directory/includes/call_partners.html", "organisations": organisations}


def partners_for_call(page, language):
    """The profiles of organisations looking for partners for ``page`` (any of its language
    versions), each in the version closest to ``language``, by title."""
    versions = {}
    for version in (
        OrganisationPage.objects.live()
        .public()
        .filter(
            organisation__looking_for_partners=True,
            organisation__partner_call__translation_key=page.translation_key,
        )
        .select_related("locale", "organisation")
        .defer_streamfields()
        .order_by("title")[:200]
    ):
        versions.setdefault(version.organisation_id, {})[version.locale.language_code] = version
    return sorted(
        (closest_version(by_language, language) for by_language in versions.values()),
        key=lambda version: version.title.casefold(),
    )


from .my import admin as member_admin  # noqa: E402, F401 - the member area's admin views

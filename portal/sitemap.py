from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedPagesSitemap(Sitemap):
    """Every live public page of the site in every language, each with hreflang alternates
    pointing at its translations (Wagtail's own sitemap lists the default locale only)."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= Page.objects.descendant_of(root, inclusive=True)
        return (
            pages.live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        entries = []
        by_translation_key = defaultdict(list)
        for item in self.paginator.page(page).object_list:
            for url_info in item.get_sitemap_urls(self.request):
                entries.append((item.translation_key, url_info))
                by_translation_key[item.translation_key].append(
                    {"lang_code": item.locale.language_code, "location": url_info["location"]}
                )
        urls = []
        for translation_key, url_info in entries:
            alternates = by_translation_key[translation_key]
            urls.append({**url_info, "alternates": alternates if len(alternates) > 1 else []})
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

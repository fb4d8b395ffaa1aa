from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from bulletins.urls import token_urlpatterns as newsletter_token_urls

from . import api, views

handler500 = "portal.views.server_error"

# Outside the language prefix: machines, operators and token links in e-mails.
urlpatterns = [
    # Wagtail's own login form has no rate limit: the admin signs in through allauth's.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api.api_router.urls),
    re_path(r"^api/", api.not_found),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("newsletter/", include(newsletter_token_urls)),
    # Bounce and complaint webhooks of an e-mail service (django-anymail checks signatures).
    path("newsletter/anymail/", include("anymail.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a person reads lives under /ru/, /et/ or /en/; "/" is redirected by
# LocaleMiddleware according to Accept-Language. Wagtail's catch-all must stay last.
urlpatterns += i18n_patterns(
    path("search/", views.search, name="search"),
    path("accounts/", include("allauth.urls")),
    path("my/", include("directory.my.urls")),
    path("calls/", include("calls.urls")),
    path("events/", include("events.urls")),
    path("newsletter/", include("bulletins.urls")),
    path("consultation/", include("consultations.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

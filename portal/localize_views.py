"""wagtail-localize's "Translate" and "Sync translated pages" views, with Wagtail's own rule
for translations added: only who may edit an object may submit it for translation (as
Wagtail's ``CopyPageForTranslationAction`` requires), and only who may edit the source and
every existing translation may overwrite those translations with a sync.

wagtail-localize checks only its global ``submit_translation`` permission, so an editor who
may change the calls but not the "About" page could otherwise create or overwrite translations
of "About". ``portal.wagtail_hooks`` mounts these views at wagtail-localize's own paths, before
its URLs, so every link to them leads here."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from wagtail_localize.views import submit_translations, update_translations
from wagtail_localize.views.edit_translation import user_can_edit_instance


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not user_can_edit_instance(self.request.user, page):
            raise PermissionDenied
        return page


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    def get_object(self):
        snippet = super().get_object()
        if not user_can_edit_instance(self.request.user, snippet):
            raise PermissionDenied
        return snippet


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def get_object(self):
        source = super().get_object()
        try:
            instance = source.get_source_instance()
        except ObjectDoesNotExist as error:
            raise Http404 from error
        for obj in (instance, *instance.get_translations()):
            if not user_can_edit_instance(self.request.user, obj):
                raise PermissionDenied
        return source

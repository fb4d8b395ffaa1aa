from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class ActivityField(TranslatableMixin, index.Indexed, models.Model):
    """A field of activity ("youth work", "culture"...): the one taxonomy that organisations,
    calls and search share. Each locale has its own translated instance; the slug is the same
    in all of them and is what links a Russian query to an Estonian-only profile."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Latin letters, the same in every language."),
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_("Other words people use for this field, one per line. Used by search."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("keywords")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("keywords"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_activity_field_slug"),
        ]

    def __str__(self):
        return self.name

"""Factories for the directory, shared by tests, ``seed_demo`` and the benchmarks."""

import factory
from factory.django import DjangoModelFactory

from .models import ActivityField, Organisation, OrganisationPage
from .taxonomy import County, LegalForm
from .validators import registry_code_check_digit


def registry_code(number, prefix="8"):
    """A valid Estonian registry code: ``prefix`` (8 non-profit, 9 foundation), six digits
    from ``number``, and the check digit."""
    first_seven = f"{prefix}{number % 1_000_000:06d}"
    return first_seven + str(registry_code_check_digit(first_seven))


class ActivityFieldFactory(DjangoModelFactory):
    class Meta:
        model = ActivityField
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Field {n}")
    slug = factory.Sequence(lambda n: f"field-{n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    registered_name = factory.Sequence(lambda n: f"MTÜ Näidisühing {n}")
    registry_code = factory.Sequence(lambda n: registry_code(500_000 + n))
    legal_form = LegalForm.NON_PROFIT
    county = County.HARJU
    town = "Tallinn"
    works_in_estonian = True
    email = factory.Sequence(lambda n: f"info{n}@org.example")

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        """``fields=["youth", "culture"]``: slugs of existing fields of activity."""
        if create and extracted:
            self.activity_fields.set(
                ActivityField.objects.filter(
                    slug__in=extracted, locale__language_code="ru"
                ).order_by("pk")
                or ActivityField.objects.filter(slug__in=extracted)
            )


def _slug(title):
    from django.utils.text import slugify

    from portal.search_text import transliterate

    return slugify(transliterate(title))[:80] or "organisation"


def create_profile(directories, organisation, versions, slug=None, publish=True):
    """Language versions of one organisation's profile, each an independent page under that
    language's directory, all sharing one translation key. ``versions`` maps a language code
    to the page's fields (``title``, ``description``...)."""
    pages = {}
    for language, fields in versions.items():
        fields = dict(fields)
        page_slug = slug or _slug(fields["title"])
        page = OrganisationPage(organisation=organisation, slug=page_slug, **fields)
        directories[language].add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        pages[language] = page
        slug = page_slug
    return pages

"""Factories for the directory, shared by tests, ``seed_demo`` and the benchmarks."""

import uuid

import factory
from factory.django import DjangoModelFactory

from .models import ActivityField, Organisation, OrganisationPage, TargetGroup
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
            self.activity_fields.set(ActivityField.objects.canonical().filter(slug__in=extracted))

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """``groups=["women", "refugees"]``: slugs of existing target groups."""
        if create and extracted:
            self.target_groups.set(TargetGroup.objects.canonical().filter(slug__in=extracted))


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
        # Not live until published: Wagtail's pages are live by default.
        page = OrganisationPage(organisation=organisation, slug=page_slug, live=False, **fields)
        directories[language].add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        pages[language] = page
        slug = page_slug
    return pages


def bulk_create_organisations(directories, specs, batch_size=500):
    """Create many organisations with published profile versions fast, for benchmarks and
    query-count tests: rows are inserted in bulk (no revisions, no signals), then the search
    index is built for them in one go. ``specs`` yields ``(facts, field_slugs, versions)``.

    The pages are real ``OrganisationPage`` rows in the tree (materialised paths computed as
    treebeard does), so the views under test are the real ones."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from . import indexing

    content_type = ContentType.objects.get_for_model(OrganisationPage)
    field_ids = dict(ActivityField.objects.canonical().values_list("slug", "pk"))
    parents = {language: Page.objects.get(pk=page.pk) for language, page in directories.items()}
    next_step = {}
    for language, parent in parents.items():
        last = parent.get_last_child()
        next_step[language] = Page._str2int(last.path[-Page.steplen :]) if last else 0
    child_fields = [field for field in OrganisationPage._meta.local_concrete_fields if field.column]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in child_fields)
    placeholders = ", ".join(["%s"] * len(child_fields))
    insert_child = (
        f"INSERT INTO {connection.ops.quote_name(OrganisationPage._meta.db_table)} "  # noqa: S608 - names from the model
        f"({columns}) VALUES ({placeholders})"
    )
    now = timezone.now()
    created = []
    specs = list(specs)
    for start in range(0, len(specs), batch_size):
        batch = specs[start : start + batch_size]
        with transaction.atomic():
            organisations = Organisation.objects.bulk_create(
                [Organisation(**facts) for facts, _slugs, _versions in batch]
            )
            through = Organisation.activity_fields.through
            through.objects.bulk_create(
                [
                    through(organisation_id=organisation.pk, activityfield_id=field_ids[slug])
                    for organisation, (_facts, slugs, _versions) in zip(
                        organisations, batch, strict=True
                    )
                    for slug in slugs
                ]
            )
            base_rows = []
            children = []
            for organisation, (_facts, _slugs, versions) in zip(organisations, batch, strict=True):
                translation_key = uuid.uuid4()
                first = next(iter(versions.values()))
                org_slug = first.get("slug") or _slug(first["title"])
                for language, fields in versions.items():
                    fields = dict(fields)
                    parent = parents[language]
                    parent.numchild += 1
                    next_step[language] += 1
                    slug = fields.pop("slug", None) or org_slug
                    base_rows.append(
                        Page(
                            title=fields["title"],
                            draft_title=fields["title"],
                            slug=slug,
                            content_type=content_type,
                            path=Page._get_path(parent.path, parent.depth + 1, next_step[language]),
                            depth=parent.depth + 1,
                            numchild=0,
                            url_path=f"{parent.url_path}{slug}/",
                            locale_id=parent.locale_id,
                            translation_key=translation_key,
                            live=True,
                            first_published_at=now,
                            last_published_at=now,
                            show_in_menus=False,
                        )
                    )
                    children.append(
                        OrganisationPage(
                            organisation_id=organisation.pk,
                            **{k: v for k, v in fields.items() if k != "title"},
                        )
                    )
            base_rows = Page.objects.bulk_create(base_rows)
            values = []
            for base, child in zip(base_rows, children, strict=True):
                child.page_ptr_id = base.pk
                values.append(
                    [
                        field.get_db_prep_save(getattr(child, field.attname), connection)
                        for field in child_fields
                    ]
                )
            with connection.cursor() as cursor:
                cursor.executemany(insert_child, values)
            for parent in parents.values():
                Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
            indexing.refresh(organisations)
        created.extend(organisations)
    return created


class UserFactory(DjangoModelFactory):
    """A person with a confirmed e-mail address (their login) and the password ``password``."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@members.example")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "password")
        if create:
            from allauth.account.models import EmailAddress

            self.save()
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Membership"

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = "editor"
    status = "active"

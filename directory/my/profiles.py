"""Language versions of a profile written by members: every save is a Wagtail revision; the
first version of a new organisation, and every version of an organisation an editor has
flagged, goes through the moderation workflow; other saves publish at once."""

from django.contrib.auth.models import Group
from django.utils.text import slugify
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.users.models import UserProfile

from portal.machine_translation import translate_texts
from portal.search_text import transliterate

from ..models import DirectoryIndexPage, OrganisationPage

WORKFLOW_NAME = "Organisation profiles"


def directory_page(language):
    return DirectoryIndexPage.objects.filter(locale__language_code=language).first()


def unique_slug(parent, title, organisation):
    """The Latin form of the name; the slug of the organisation's other versions when it
    has them (slugs are the same in every language)."""
    sibling = (
        OrganisationPage.objects.filter(organisation=organisation).values_list("slug", flat=True)
    ).first()
    base = sibling or slugify(transliterate(title))[:70] or "organisation"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def needs_moderation(organisation):
    return (
        getattr(organisation, "review_member_edits", False)
        or not OrganisationPage.objects.filter(organisation=organisation, live=True).exists()
    )


def _has_tasks(workflow):
    return workflow is not None and workflow.tasks.filter(active=True).exists()


def moderation_workflow(page):
    """The workflow that covers the page (Wagtail's default one covers the whole tree). One
    without an active task would publish at once, so then the moderators' own one step,
    "Organisation profiles", is set on the directory pages and used instead."""
    workflow = page.get_workflow()
    if _has_tasks(workflow):
        return workflow
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not _has_tasks(workflow):
        task, _created = GroupApprovalTask.objects.get_or_create(name=WORKFLOW_NAME)
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        task.groups.set(Group.objects.filter(name="Moderators"))
        # Workflow.workflow_tasks is a ParentalKey: its manager saves nothing by itself.
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for directory in DirectoryIndexPage.objects.all():
        if not _has_tasks(directory.get_workflow()):
            WorkflowPage.objects.update_or_create(page=directory, defaults={"workflow": workflow})
    return workflow


def submit(page, user):
    """Put the latest revision before the moderators (or back before them after they asked
    for changes). The member hears the outcome from us, in their language
    (``directory.my.moderation``), not from Wagtail's admin notifications."""
    profile = UserProfile.get_for_user(user)
    if not user.is_staff and (profile.approved_notifications or profile.rejected_notifications):
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])
    state = page.current_workflow_state
    if state is None:
        moderation_workflow(page).start(page, user)
    elif state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user)


def save_version(page, user):
    """Save the member's edits as a revision; publish or submit it. True when published."""
    organisation = page.organisation
    revision = page.save_revision(user=user, log_action=True)
    if needs_moderation(organisation):
        submit(page, user)
        return False
    # Who may publish was decided by the membership (directory.my.access), not by page
    # permissions: members have none in the admin.
    revision.publish(user=user, skip_permission_checks=True)
    return True


def new_version(organisation, language, page, user):
    """Add ``page`` (unsaved, filled by the form) as the organisation's version in
    ``language``, unpublished, then save it as ``save_version`` does."""
    _add_unpublished(organisation, language, page)
    return save_version(page, user)


def _add_unpublished(organisation, language, page):
    parent = directory_page(language)
    page.organisation = organisation
    page.slug = unique_slug(parent, page.title, organisation)
    page.live = False
    parent.add_child(instance=page)
    return page


def machine_draft(organisation, source, language, typed, user):
    """A new version in ``language``: the texts of the ``source`` version (as last saved)
    machine-translated, except those the member ``typed``; saved as a draft, marked as
    machine-translated, neither published nor sent for moderation. Nothing is written when the
    service fails (``MachineTranslationError``)."""
    names = list(typed)
    draft = source.get_latest_revision_as_object()
    texts = translate_texts(
        source.locale.language_code, language, [getattr(draft, name) or "" for name in names]
    )
    values = {}
    for name, text in zip(names, texts, strict=True):
        limit = OrganisationPage._meta.get_field(name).max_length
        values[name] = typed[name] or text[:limit].strip()
    values["title"] = values["title"] or draft.title
    page = OrganisationPage(
        **values, draft_title=values["title"], machine_translated_from=source.locale.language_code
    )
    _add_unpublished(organisation, language, page)
    page.save_revision(user=user, log_action=True)
    return page

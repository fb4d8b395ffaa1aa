"""Who may do what in the member area (see the package docstring)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.ratelimit import exceeded

from ..models import Membership, OrganisationPage


def member_view(view):
    """Signed-in people only (others go to the sign-in page and come back); never cached."""
    return never_cache(login_required(view))


def membership_or_404(request, organisation_id, owner=False, founder=False):
    """The person's active membership of the organisation; 404 when there is none (whether
    or not the organisation exists), 403 when ``owner`` is asked of an editor.

    With ``founder``, the not yet confirmed founder of an organisation that has no published
    profile version is let in too: they prepare the first version that editors approve."""
    membership = (
        Membership.objects.select_related("organisation")
        .filter(user=request.user, organisation_id=organisation_id)
        .exclude(status=Membership.Status.DECLINED)
        .first()
    )
    if membership is None:
        raise Http404
    if not membership.is_active and not (founder and is_unconfirmed_founder(membership)):
        raise Http404
    if owner and membership.role != Membership.Role.OWNER:
        raise PermissionDenied
    return membership


def is_unconfirmed_founder(membership):
    return (
        membership.founded
        and membership.status == Membership.Status.PENDING
        and not OrganisationPage.objects.filter(
            organisation_id=membership.organisation_id, live=True
        ).exists()
    )


def organisation_view(owner=False, founder=False):
    """A member view of one organisation: ``view(request, membership, ...)``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, organisation_id, *args, **kwargs):
            membership = membership_or_404(request, organisation_id, owner=owner, founder=founder)
            return view(request, membership, *args, **kwargs)

        return member_view(wrapped)

    return decorator


def over_limit(request, form, action="member", **subjects):
    """Count one use of a member form (the portal's one limiter: per client address and per
    person, plus the action's own subjects). When over, put the reason on the form and
    return True: the page is shown again with what was typed."""
    over = exceeded(request, "member", user=request.user.pk)
    if action != "member":
        over |= exceeded(request, action, user=request.user.pk, **subjects)
    if over:
        form.add_error(
            None, _("You have done this many times in a short while. Please try again later.")
        )
        return True
    return False

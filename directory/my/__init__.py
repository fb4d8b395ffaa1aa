"""The organisation member's area, ``/<lang>/my/``: people keep their organisation's profile,
news and joint projects here, never in the Wagtail admin.

Every view goes through ``access``: a signed-in person reaches an organisation only through
an active membership of it (else 404, as if it did not exist), and an owner-only action
answers 403 to an editor. Ids in forms are never trusted: every object is looked up within
the organisation of the URL, which the membership already vouched for.
"""

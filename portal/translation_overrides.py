"""django-allauth strings that Sild translates itself.

Django prefers the project's catalogues (``LOCALE_PATHS``) to an app's own, so the entries for
these strings in ``locale/<language>/LC_MESSAGES/django.po`` replace allauth's translations.
allauth's Estonian leaves the e-mail label in English and mixes "parool" with "salasõna" and
"sina" with "teie"; Sild's Estonian says "salasõna" and "teie" throughout. Listing the strings
here is what keeps them in the catalogues when ``make messages`` runs.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    gettext_noop("Email"),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Sign Up"),
    gettext_noop("Sign In"),
    gettext_noop("Password Reset"),
    gettext_noop("Reset My Password"),
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email "
        "allowing you to reset it."
    ),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize "
        "the signup process. If you do not see the verification email in your main inbox, check "
        "your spam folder. Please contact us if you do not receive the verification email within "
        "a few minutes."
    ),
)

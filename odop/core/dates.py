"""The month names of dates on Hindi pages (issue 12).

Django's Hindi catalogue spells December "दिसमबर"; the project's catalogue (LOCALE_PATHS,
read before Django's) gives the standard spellings. Listed here so that `makemessages` keeps
them in locale/hi: Django's date formatting asks for exactly these message ids.
"""

from django.utils.translation import gettext_noop

MONTH_NAMES = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

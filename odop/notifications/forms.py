"""The form where a person agrees to a channel."""

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.notifications.models import ADDRESS_MAX, Channel


class ConsentGiveForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    address = forms.CharField(
        label=_("Email address or mobile number"),
        max_length=ADDRESS_MAX,
        help_text=_("For SMS and WhatsApp: +91 and ten digits."),
    )

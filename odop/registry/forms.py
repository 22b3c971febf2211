"""Officers' forms of the registry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.registry.models import GIDecisionAction, GIEntry


class GILinkDecisionForm(forms.Form):
    """Confirm, pick or reject a product's GI link, with a note."""

    action = forms.ChoiceField(label=_("Decision"), choices=GIDecisionAction.choices)
    gi_entry = forms.ModelChoiceField(
        label=_("GI"), queryset=GIEntry.objects.none(), required=False, empty_label=None
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=bounds.NOTE_MAX,
    )

    def __init__(self, *args: object, choices: list[GIEntry], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["gi_entry"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = GIEntry.objects.filter(pk__in=[entry.pk for entry in choices])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") in (GIDecisionAction.CONFIRM, GIDecisionAction.PICK) and not data.get(
            "gi_entry"
        ):
            self.add_error("gi_entry", _("Choose a GI."))
        return data

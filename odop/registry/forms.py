"""Officers' forms of the registry."""

from django import forms
from django.utils.translation import gettext_lazy as _

from odop.core import bounds
from odop.registry.models import GIDecisionAction, GIEntry


class GILinkDecisionForm(forms.Form):
    """Confirm, pick or reject a product's GI link, with a note."""

    action = forms.ChoiceField(
        label=_("Decision"), choices=GIDecisionAction.choices, widget=forms.RadioSelect
    )
    gi_entry = forms.ModelChoiceField(
        label=_("GI"), queryset=GIEntry.objects.none(), required=False, empty_label=None
    )
    more_gi_entries = forms.ModelMultipleChoiceField(
        label=_("Further GIs"),
        queryset=GIEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the listed name names several registered GIs."),
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
        more = self.fields["more_gi_entries"]
        assert isinstance(more, forms.ModelMultipleChoiceField)
        more.queryset = field.queryset
        more.choices = [(entry.pk, entry.name) for entry in choices]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("action") in (GIDecisionAction.CONFIRM, GIDecisionAction.PICK) and not data.get(
            "gi_entry"
        ):
            self.add_error("gi_entry", _("Choose a GI."))
        more = data.get("more_gi_entries")
        if more and data.get("action") == GIDecisionAction.REJECT:
            self.add_error(
                "more_gi_entries", _("A rejection links no GI, so no further GI either.")
            )
        elif more and data.get("gi_entry") in more:
            self.add_error("more_gi_entries", _("The GI chosen above is not a further GI."))
        return data

    def more_in_order(self) -> list[GIEntry]:
        """The ticked further GIs in the order they are listed (by name)."""
        ticked = self.cleaned_data.get("more_gi_entries") or []
        return sorted(ticked, key=lambda entry: (entry.name, entry.pk))

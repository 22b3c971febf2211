"""Forms of the product-selection pages. They parse input only: every rule is in the services."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from odop.accounts.models import Role, User
from odop.core import bounds
from odop.core.forms import Form
from odop.geography.models import District
from odop.geography.selectors import districts_of_officer
from odop.registry.models import Sector
from odop.selection.models import CandidateStatus, CriterionScore, ScorecardVersion
from odop.selection.scoring import Criterion
from odop.selection.services import ScoreInput

NOTE_MAX_LENGTH = 2000


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.state.name}"


class CandidateProposeForm(Form):
    """A new proposal: the district (from the user's scope), the product and who makes it."""

    district = DistrictChoiceField(label=_("District"), queryset=District.objects.none())
    name = forms.CharField(label=_("Product name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=bounds.STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("— not given —")), *Sector.choices],
    )
    producer_organisation = forms.CharField(
        label=_("Producer organisation"),
        required=False,
        max_length=200,
        help_text=_("The FPO, SHG, cooperative or firm behind the product, if one."),
    )
    scorecard = forms.ModelChoiceField(
        label=_("Scorecard"),
        required=False,
        queryset=ScorecardVersion.objects.none(),
        empty_label=_("The State's adopted scorecard"),
    )

    def __init__(
        self, *args: Any, user: User, scorecards: QuerySet[ScorecardVersion], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        district_field = self.fields["district"]
        assert isinstance(district_field, DistrictChoiceField)
        district_field.queryset = districts_of_officer(user)
        if user.role == Role.DISTRICT_OFFICER:
            # One district to choose from: choose it.
            district_field.initial = user.district_id
            district_field.empty_label = None
        scorecard_field = self.fields["scorecard"]
        assert isinstance(scorecard_field, forms.ModelChoiceField)
        scorecard_field.queryset = scorecards


class CandidateMoveForm(Form):
    """One move of the workflow (the button pressed) and the note that explains it."""

    to_status = forms.ChoiceField(choices=CandidateStatus.choices)
    note = forms.CharField(
        label=_("Note (recorded in the history)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CommitteeMemberForm(Form):
    """An assessor to seat on the committee, by username, with where they work."""

    username = forms.CharField(label=_("Assessor's username"), max_length=150)
    organisation = forms.CharField(
        label=_("Assessor's organisation"),
        required=False,
        max_length=200,
        help_text=_("An assessor from the candidate's own producer organisation cannot score it."),
    )

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        assessor = User.objects.filter(username=username, is_active=True).first()
        if assessor is None:
            raise forms.ValidationError(_("No active user has this username."), code="unknown")
        return assessor


class AssessmentForm(Form):
    """One assessor's scores: a value and a note for each criterion of the scorecard.

    A computed criterion whose value the evidence gives has no field (the value is shown and
    sent as `computed`); without evidence it is scored by hand like any other. Values may be
    left empty in a draft; `assessment_save` refuses to submit an incomplete assessment.
    """

    def __init__(
        self,
        *args: Any,
        criteria: Iterable[Criterion],
        computed: Mapping[str, Decimal],
        stored: Iterable[CriterionScore] = (),
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = [criterion for criterion in criteria if criterion.code not in computed]
        previous = {score.criterion: score for score in stored}
        for criterion in self.criteria:
            score = previous.get(criterion.code)
            self.fields[self.value_name(criterion.code)] = forms.DecimalField(
                label=criterion.title,
                required=False,
                min_value=criterion.scale_min,
                max_value=criterion.scale_max,
                step_size=criterion.scale_step,
                initial=score.value.normalize() if score is not None else None,
                disabled=read_only,
            )
            self.fields[self.note_name(criterion.code)] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                initial=score.note if score is not None else "",
                widget=forms.Textarea(attrs={"rows": 2}),
                disabled=read_only,
            )

    @staticmethod
    def value_name(code: str) -> str:
        return f"value_{code}"

    @staticmethod
    def note_name(code: str) -> str:
        return f"note_{code}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for criterion in self.criteria:
            value = cleaned.get(self.value_name(criterion.code))
            note = cleaned.get(self.note_name(criterion.code))
            if note and value is None and self.value_name(criterion.code) not in self.errors:
                self.add_error(
                    self.value_name(criterion.code),
                    forms.ValidationError(
                        _("Enter a score to go with the note."), code="note_without_score"
                    ),
                )
        return cleaned

    def scores(self) -> dict[str, ScoreInput]:
        """The entered scores, by criterion code (empty fields left out)."""
        entered = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(self.value_name(criterion.code))
            if value is not None:
                note = self.cleaned_data.get(self.note_name(criterion.code)) or ""
                entered[criterion.code] = ScoreInput(value=value, note=note)
        return entered

"""Officers' policy pages, mounted at /outcomes/policies/ (namespace "outcomes"): record a
policy, and link the district products it covers by ticking them in a list (filtered by
State) or by pasting their ids or names. Writes go through `outcomes.services`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from odop.accounts.models import User, signed_in_user
from odop.geography.models import State
from odop.outcomes import permissions
from odop.outcomes.forms import PolicyForm, PolicyProductsForm
from odop.outcomes.models import Policy
from odop.outcomes.policy_paste import Candidate, paste_resolve
from odop.outcomes.services import policy_create, policy_products_link, policy_products_unlink
from odop.registry.models import DistrictProduct


def _manager(request: HttpRequest) -> User:
    """The signed-in officer who may keep policies (national admin, State officer), or 404."""
    user = signed_in_user(request.user)
    if user is None or not permissions.can_manage_policies(user):
        raise Http404
    return user


def _own_state(user: User) -> State | None:
    return None if user.is_national_admin else user.state


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def policies_view(request: HttpRequest) -> HttpResponse:
    """The policies the officer keeps, and a form to record one."""
    user = _manager(request)
    own_state = _own_state(user)
    form = PolicyForm(request.POST or None, fixed_state=own_state)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policy = policy_create(
                actor=user,
                state=own_state if own_state is not None else data.get("state"),
                name=data["name"],
                state_category=data["state_category"],
                effective_from=data["effective_from"],
                effective_to=data["effective_to"],
                incentives=data["incentives"],
                notification_url=data["notification_url"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return HttpResponseRedirect(reverse("outcomes:policy", args=[policy.pk]))
    return render(
        request,
        "outcomes/policies.html",
        {"form": form, "policies": permissions.policies_kept_by(user).order_by("name")},
        status=400 if request.method == "POST" else 200,
    )


def _candidates(user: User, policy: Policy) -> QuerySet[DistrictProduct]:
    return (
        DistrictProduct.objects.filter(permissions.policy_product_scope(user, policy))
        .select_related("district__state")
        .order_by("district__state__name", "district__name", "name", "pk")
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def policy_view(request: HttpRequest, policy_id: int) -> HttpResponse:
    """A policy and the district products it covers; tick or paste products to link them,
    untick to unlink. A paste naming an unknown product writes nothing."""
    user = _manager(request)
    policy = permissions.access_policy(user, policy_id)
    if not permissions.can_manage_policy(user, policy):
        raise Http404
    in_scope = _candidates(user, policy)
    state = policy.state
    if state is None:
        code = request.GET.get("state", "")
        state = State.objects.filter(lgd_code=int(code)).first() if code.isdigit() else None
    shown = list(in_scope.filter(district__state=state)) if state is not None else []
    linked = set(policy.links.values_list("district_product_id", flat=True))
    form = PolicyProductsForm(
        request.POST or None,
        choices=[(p.pk, f"{p.name} — {p.district.name}") for p in shown],
        initial={"products": sorted(linked & {p.pk for p in shown})},
    )
    if request.method == "POST" and form.is_valid():
        candidates = [Candidate(pk=p.pk, name=p.name, district=p.district.name) for p in in_scope]
        pasted = paste_resolve(form.cleaned_data["paste"], candidates)
        if pasted.unknown:
            form.add_error(
                "paste",
                _("No product of yours by: %(lines)s.") % {"lines": "; ".join(pasted.unknown)},
            )
        if pasted.ambiguous:
            form.add_error(
                "paste",
                _("Several districts have: %(lines)s. Add the district in brackets.")
                % {"lines": "; ".join(pasted.ambiguous)},
            )
        if form.is_valid():
            ticked = set(form.cleaned_data["products"])
            wanted = ticked | set(pasted.ids)
            dropped = (linked & {p.pk for p in shown}) - wanted
            try:
                with transaction.atomic():
                    if wanted - linked:
                        policy_products_link(
                            actor=user, policy=policy, district_product_ids=wanted - linked
                        )
                    if dropped:
                        policy_products_unlink(
                            actor=user, policy=policy, district_product_ids=dropped
                        )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(request.get_full_path())
    covered = policy.district_products.select_related("district__state").order_by(
        "district__name", "name"
    )
    return render(
        request,
        "outcomes/policy.html",
        {
            "policy": policy,
            "form": form,
            "state": state,
            "states": State.objects.order_by("name") if policy.state is None else [],
            "covered": covered,
            "shown": len(shown),
        },
        status=400 if request.method == "POST" else 200,
    )

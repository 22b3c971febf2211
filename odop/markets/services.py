"""Write side of markets: storing HS code suggestions and officers' decisions on them."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from odop.accounts.models import User
from odop.markets.hs_suggest import HSIndex
from odop.markets.models import HSLinkStatus, ProductHSCode
from odop.markets.permissions import can_decide_hs_code
from odop.markets.selectors import hs_entries_list, product_texts_list
from odop.registry.models import HSCode, ProductType

DECIDED = (HSLinkStatus.CONFIRMED, HSLinkStatus.REJECTED)


def _progress_none(_step: int) -> None:
    """Show no progress (services called from code or tests)."""


@transaction.atomic
def hs_suggestions_refresh(
    *,
    product_types: QuerySet[ProductType] | None = None,
    top_k: int = 5,
    progress: Callable[[int], None] = _progress_none,
) -> int:
    """Recompute the suggested HS codes of `product_types` (all by default); return how many
    suggestion rows changed (created, updated or deleted).

    Idempotent: only rows still `suggested` are replaced, and only where they differ, so a second
    run writes nothing. Confirmed and rejected codes are officers' decisions: they stay, and a code
    an officer rejected is never suggested again for that type. Suggestions are machine output
    and are written in bulk without history; decisions carry history.
    """
    hs_codes = dict(HSCode.objects.filter(level=6).values_list("code", "pk"))
    index = HSIndex(hs_entries_list())
    texts = product_texts_list(product_types=product_types)
    existing: dict[int, dict[int, ProductHSCode]] = {}
    for link in ProductHSCode.objects.filter(product_type_id__in=[pk for pk, _text in texts]):
        existing.setdefault(link.product_type_id, {})[link.hs_code_id] = link
    new: list[ProductHSCode] = []
    changed: list[ProductHSCode] = []
    stale: list[int] = []
    for type_id, text in texts:
        links = existing.get(type_id, {})
        decided = {code_id for code_id, link in links.items() if link.status in DECIDED}
        # Ask for more than top_k so that rejected codes do not leave the list short.
        candidates = [
            candidate
            for candidate in index.suggest(text, top_k=top_k + len(decided))
            if candidate.code in hs_codes
        ]
        wanted = {}
        for candidate in candidates:
            code_id = hs_codes[candidate.code]
            if code_id not in decided:
                wanted[code_id] = candidate
            if len(wanted) == top_k:
                break
        for rank, (code_id, candidate) in enumerate(wanted.items(), start=1):
            values = {
                "score": candidate.score,
                "rank": rank,
                "matched_terms": " ".join(candidate.matched_terms)[:300],
            }
            current = links.get(code_id)
            if current is None:
                new.append(
                    ProductHSCode(
                        product_type_id=type_id,
                        hs_code_id=code_id,
                        status=HSLinkStatus.SUGGESTED,
                        **values,
                    )
                )
            elif current.status == HSLinkStatus.SUGGESTED and any(
                getattr(current, name) != value for name, value in values.items()
            ):
                for name, value in values.items():
                    setattr(current, name, value)
                changed.append(current)
        stale += [
            link.pk
            for code_id, link in links.items()
            if link.status == HSLinkStatus.SUGGESTED and code_id not in wanted
        ]
        progress(1)
    ProductHSCode.objects.filter(pk__in=stale).delete()
    ProductHSCode.objects.bulk_update(
        changed, ["score", "rank", "matched_terms", "updated_at"], batch_size=500
    )
    ProductHSCode.objects.bulk_create(new, batch_size=500)
    return len(new) + len(changed) + len(stale)


def _subheading(hs_code: HSCode | str) -> HSCode:
    """The stored six-digit subheading, or a `not_a_subheading` error."""
    if isinstance(hs_code, HSCode):
        found: HSCode | None = hs_code
    else:
        found = HSCode.objects.filter(code=str(hs_code).strip()).first()
    # 999999 is the nomenclature's "not specified" row, not a product's code.
    if found is None or found.level != 6 or found.code == "999999":
        raise ValidationError(
            {
                "code": ValidationError(
                    _("“%(code)s” is not an HS 2022 subheading (six digits)."),
                    code="not_a_subheading",
                    params={"code": hs_code.code if isinstance(hs_code, HSCode) else hs_code},
                )
            }
        )
    return found


def _decide(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str, status: HSLinkStatus
) -> ProductHSCode:
    if not can_decide_hs_code(actor, product_type):
        raise PermissionDenied
    subheading = _subheading(hs_code)
    # Lock the type so two officers deciding at once are serialised.
    ProductType.objects.select_for_update().get(pk=product_type.pk)
    now = timezone.now()
    if status == HSLinkStatus.CONFIRMED:
        # A new confirmation corrects the previous one, which becomes rejected.
        for previous in ProductHSCode.objects.filter(
            product_type=product_type, status=HSLinkStatus.CONFIRMED
        ).exclude(hs_code=subheading):
            previous.status = HSLinkStatus.REJECTED
            previous.confirmed_by, previous.confirmed_at = actor, now
            previous._change_reason = "corrected"  # type: ignore[attr-defined]
            previous.full_clean()
            previous.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    link = ProductHSCode.objects.filter(product_type=product_type, hs_code=subheading).first()
    if link is None:
        link = ProductHSCode(product_type=product_type, hs_code=subheading)
    link.status = status
    link.confirmed_by, link.confirmed_at = actor, now
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def hs_code_confirm(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str
) -> ProductHSCode:
    """Record `hs_code` (a subheading, or its six-digit code) as the type's HS 2022 code.

    It may be one of the suggestions or any other subheading (a correction). A code confirmed
    before is set to rejected, so the type keeps exactly one confirmed code. Only officers
    allowed by `can_decide_hs_code`; history records who decided.
    """
    return _decide(
        actor=actor, product_type=product_type, hs_code=hs_code, status=HSLinkStatus.CONFIRMED
    )


@transaction.atomic
def hs_code_reject(
    *, actor: User, product_type: ProductType, hs_code: HSCode | str
) -> ProductHSCode:
    """Record that `hs_code` is not the type's code; refreshes will not suggest it again.

    Rejecting the confirmed code leaves the type without one. Same permission as confirming.
    """
    return _decide(
        actor=actor, product_type=product_type, hs_code=hs_code, status=HSLinkStatus.REJECTED
    )

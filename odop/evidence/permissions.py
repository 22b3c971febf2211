"""Who may see and upload district statistics. Every view, API and service goes through these.

Statistics are evidence for selection committees: every officer sees all of them (committees
compare a district with others), the public sees none. Uploads are limited to the uploader's
scope: a district officer their district, a State officer their State, a national admin all.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404

from odop.accounts.models import Role, User
from odop.evidence.models import DistrictStatistic, StatisticsUpload
from odop.geography.models import District


def _is_officer(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and isinstance(user, User) and (user.is_officer or user.is_superuser)
    )


def statistics_visible_to(user: User | AnonymousUser) -> QuerySet[DistrictStatistic]:
    """Officers (national admin, State and district officers): every statistic, with its
    district, State, product type and upload loaded. Everyone else: none."""
    if not _is_officer(user):
        return DistrictStatistic.objects.none()
    return DistrictStatistic.objects.select_related(
        "district__state", "product_type", "upload__uploaded_by"
    )


def access_statistic(user: User | AnonymousUser, statistic_id: int) -> DistrictStatistic:
    """The statistic with this id if `user` may see it; Http404 both when it does not exist
    and when it is not visible."""
    try:
        return statistics_visible_to(user).get(pk=statistic_id)
    except DistrictStatistic.DoesNotExist as error:
        raise Http404 from error


def statistics_uploads_visible_to(user: User | AnonymousUser) -> QuerySet[StatisticsUpload]:
    """Officers see every upload (who uploaded what, when); everyone else none."""
    if not _is_officer(user):
        return StatisticsUpload.objects.none()
    return StatisticsUpload.objects.select_related("uploaded_by", "scope_state")


def access_statistics_upload(user: User | AnonymousUser, upload_id: int) -> StatisticsUpload:
    """The upload with this id if `user` may see it, else Http404."""
    try:
        return statistics_uploads_visible_to(user).get(pk=upload_id)
    except StatisticsUpload.DoesNotExist as error:
        raise Http404 from error


def can_view_statistics(user: User | AnonymousUser) -> bool:
    """The statistics list is for officers (what they see is `statistics_visible_to`)."""
    return _is_officer(user)


def can_upload_statistics(user: User | AnonymousUser) -> bool:
    """Officers may upload a statistics file (what it may write is `can_upload_district_
    statistics`). Producers, buyers and Mission officers may not."""
    return _is_officer(user)


def can_upload_district_statistics(user: User | AnonymousUser, district: District) -> bool:
    """May `user` write figures of `district`? National admins: any district. State
    officers: their State's. District officers: their own. Everyone else: none."""
    if not user.is_authenticated or not isinstance(user, User):
        return False
    if user.is_national_admin:
        return True
    if user.role == Role.STATE_OFFICER:
        return user.state_id is not None and user.state_id == district.state_id
    if user.role == Role.DISTRICT_OFFICER:
        return user.district_id is not None and user.district_id == district.pk
    return False


def can_view_evidence(user: User | AnonymousUser) -> bool:
    """The evidence indicators are computed from officers-only statistics: officers only."""
    return _is_officer(user)

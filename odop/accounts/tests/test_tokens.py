"""API tokens: hashed at rest, expiring, revocable; the token endpoint's answers (issue 10)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken
from rest_framework.test import APIClient, APIRequestFactory

from odop.accounts.models import User
from odop.accounts.services import (
    api_token_issue,
    api_token_ttl,
    api_tokens_purge_expired,
)
from odop.accounts.tests.factories import UserFactory
from odop.api.auth import ApiTokenAuthentication

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"  # UserFactory's
TOKEN_URL = "/api/v1/auth/token/"
SIGNED_IN_ONLY = "/api/v1/bazaar/orders/"  # any endpoint behind IsAuthenticated


def _by_token(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_the_raw_key_is_never_stored() -> None:
    # Ref: #10 (API tokens were stored in plain text)
    user = UserFactory.create()

    issued = api_token_issue(user=user)

    row = AuthToken.objects.get(user=user)
    assert row.digest == hash_token(issued.key)
    assert issued.key not in (row.digest, row.token_key)
    assert AuthToken.objects.filter(digest=issued.key).exists() is False
    assert len(issued.key) == 64


def test_the_token_endpoint_answers_a_token_and_its_expiry() -> None:
    user = UserFactory.create()

    response = APIClient().post(TOKEN_URL, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"token", "expiry"}
    row = AuthToken.objects.get(user=user)
    assert row.digest == hash_token(body["token"])
    assert dt.datetime.fromisoformat(body["expiry"]) == row.expiry
    assert row.expiry is not None
    assert abs((row.expiry - row.created) - api_token_ttl()) < dt.timedelta(seconds=5)
    assert _by_token(body["token"]).get(SIGNED_IN_ONLY).status_code == 200


def test_the_token_endpoint_refuses_a_wrong_password_with_a_code() -> None:
    user = UserFactory.create()

    response = APIClient().post(TOKEN_URL, {"username": user.username, "password": "wrong"})

    assert response.status_code == 400
    assert response.json()["codes"] == {"non_field_errors": ["invalid_credentials"]}
    assert AuthToken.objects.exists() is False


def test_the_token_endpoint_requires_both_fields() -> None:
    response = APIClient().post(TOKEN_URL, {"username": "someone"}, format="json")

    assert response.status_code == 400
    assert response.json()["codes"] == {"password": ["required"]}


def test_an_expired_token_is_refused_and_deleted() -> None:
    # Ref: #10 (API tokens never expired)
    user = UserFactory.create()
    issued = api_token_issue(user=user, ttl=dt.timedelta(hours=1))
    AuthToken.objects.filter(user=user).update(expiry=timezone.now() - dt.timedelta(seconds=1))

    response = _by_token(issued.key).get(SIGNED_IN_ONLY)

    assert response.status_code == 401
    assert AuthToken.objects.filter(user=user).exists() is False


def test_a_revoked_token_is_refused_and_others_keep_working() -> None:
    user = UserFactory.create()
    revoked, kept = api_token_issue(user=user), api_token_issue(user=user)

    answer = _by_token(revoked.key).post("/api/v1/auth/token/revoke/")

    assert answer.status_code == 204
    assert _by_token(revoked.key).get(SIGNED_IN_ONLY).status_code == 401
    assert _by_token(kept.key).get(SIGNED_IN_ONLY).status_code == 200
    assert AuthToken.objects.filter(user=user).count() == 1


def test_revoke_all_revokes_every_token_of_the_user_only() -> None:
    user, other = UserFactory.create(), UserFactory.create()
    first, second = api_token_issue(user=user), api_token_issue(user=user)
    others = api_token_issue(user=other)

    answer = _by_token(first.key).post("/api/v1/auth/token/revoke-all/")

    assert answer.status_code == 200
    assert answer.json() == {"revoked": 2}
    assert _by_token(first.key).get(SIGNED_IN_ONLY).status_code == 401
    assert _by_token(second.key).get(SIGNED_IN_ONLY).status_code == 401
    assert _by_token(others.key).get(SIGNED_IN_ONLY).status_code == 200


def test_revoking_needs_a_token() -> None:
    assert APIClient().post("/api/v1/auth/token/revoke/").status_code == 401
    assert APIClient().post("/api/v1/auth/token/revoke-all/").status_code == 401


def test_a_token_needs_a_positive_lifetime() -> None:
    user = UserFactory.create()

    with pytest.raises(ValidationError) as error:
        api_token_issue(user=user, ttl=dt.timedelta(0))

    assert error.value.code == "invalid_ttl"
    assert AuthToken.objects.exists() is False


def test_issuing_and_purging_delete_expired_tokens() -> None:
    user, other = UserFactory.create(), UserFactory.create()
    api_token_issue(user=user)
    api_token_issue(user=other)
    AuthToken.objects.update(expiry=timezone.now() - dt.timedelta(seconds=1))

    api_token_issue(user=user)  # clears the user's own expired token

    assert AuthToken.objects.filter(user=user).count() == 1
    assert api_tokens_purge_expired() == 1
    assert AuthToken.objects.filter(user=other).exists() is False


def test_token_authentication_costs_one_query(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # Knox's own class also reads every other token of the user on each call.
    user = UserFactory.create()
    api_token_issue(user=user)
    issued = api_token_issue(user=user)
    request = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {issued.key}")

    with django_assert_num_queries(1):
        authenticated = ApiTokenAuthentication().authenticate(request)

    assert authenticated is not None
    assert isinstance(authenticated[0], User)
    assert authenticated[0].pk == user.pk

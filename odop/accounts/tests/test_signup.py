"""Sign-in, sign-up, email verification and password reset (issue 12): a buyer who finds a
product can become a buyer; nobody signs in before proving their email; floods get 429."""

import re
import time
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from odop.accounts.models import Role, User
from odop.accounts.signup import account_register
from odop.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
LOGIN = "/accounts/login/"
PASSWORD = "a-long-test-password"
BUYER = {
    "name": "Aiko Tanaka",
    "organisation": "Kyoto Crafts KK",
    "country": "Japan",
    "email": "Aiko@Example.jp",
    "password": PASSWORD,
    "password_again": PASSWORD,
}
LINK = re.compile(r"https?://[^\s]+")


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """The throttles count in the shared local-memory cache: each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one link in an email."""
    (url,) = LINK.findall(message.body)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def sign_up(client: Client, **changes: str) -> object:
    return client.post(SIGNUP, {**BUYER, **changes})


# ---------------------------------------------------------------- the login form


def test_an_empty_sign_in_says_which_fields_are_required(client: Client) -> None:
    """Issue 12: an empty login said the credentials "did not match"."""
    response = client.post(LOGIN, {"username": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter your username or email." in html
    assert "Enter your password." in html
    assert "did not match" not in html


def test_wrong_credentials_still_say_they_did_not_match(client: Client) -> None:
    """Issue 12: the required-field messages did not hide the real mismatch message."""
    UserFactory.create(username="asha")
    response = client.post(LOGIN, {"username": "asha", "password": "not-her-password"})
    html = response.content.decode()
    assert "did not match" in html
    assert "Enter your password." not in html


def test_the_login_page_links_to_sign_up_and_password_reset(client: Client) -> None:
    """Issue 12: a visitor finds how to get an account, and how to recover one."""
    html = client.get(LOGIN).content.decode()
    for path in ("/accounts/signup/", "/producers/signup/", "/accounts/password-reset/"):
        assert f'href="{path}"' in html


# ---------------------------------------------------------------- buyer sign-up


def test_a_buyer_signs_up_verifies_the_email_and_lands_on_my_work(client: Client) -> None:
    """Issue 12: sign up, follow the emailed link, confirm, sign in, land on /my/."""
    # when the buyer signs up
    response = sign_up(client)
    # then an inactive buyer exists, and one email carries the link
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get(username="aiko@example.jp")
    assert (user.role, user.email, user.first_name) == (
        Role.BUYER,
        "aiko@example.jp",
        "Aiko Tanaka",
    )
    assert (user.organisation, user.country) == ("Kyoto Crafts KK", "Japan")
    assert user.is_active is False and user.email_verified_at is None
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["aiko@example.jp"]
    link = link_in(mail.outbox[0])
    # and signing in is refused before verification
    refused = client.post(LOGIN, {"username": "aiko@example.jp", "password": PASSWORD})
    assert refused.status_code == 200 and "confirm your email first" in refused.content.decode()

    # when the link is opened, nothing changes until the person confirms
    page = client.get(link)
    assert page.status_code == 200 and "aiko@example.jp" in page.content.decode()
    user.refresh_from_db()
    assert user.is_active is False
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == LOGIN
    user.refresh_from_db()
    assert user.is_active is True and user.email_verified_at is not None

    # then they sign in (with their email) and land on their home
    signed_in = client.post(LOGIN, {"username": "Aiko@Example.jp ", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/my/"
    assert "My purchases" in client.get("/my/").content.decode()


def test_a_verification_link_works_once(client: Client) -> None:
    """Issue 12: a used link does not activate twice; it sends the person to sign in."""
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.post(link)
    again = client.post(link)
    assert again.status_code == 302 and again["Location"] == LOGIN


def test_an_expired_verification_link_is_refused_and_offers_a_new_one(
    client: Client, settings: object
) -> None:
    """Issue 12: the link stops working after ODOP_EMAIL_VERIFICATION_HOURS."""
    sign_up(client)
    link = link_in(mail.outbox[0])
    later = time.time() + 49 * 3600  # the default lifetime is 48 hours
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.post(link)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This link has expired" in html and "Send a new link" in html
    assert User.objects.get(username="aiko@example.jp").is_active is False


def test_a_tampered_verification_link_is_refused(client: Client) -> None:
    """Issue 12: the link is signed; changing it breaks it."""
    sign_up(client)
    link = link_in(mail.outbox[0])
    response = client.post(link.replace(":", ";", 1))
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert User.objects.get(username="aiko@example.jp").is_active is False


def test_a_new_link_is_sent_only_to_an_account_awaiting_confirmation(client: Client) -> None:
    """Issue 12: "send a new link" answers the same for any email and mails only a pending
    account."""
    sign_up(client)
    mail.outbox.clear()
    for email in ("aiko@example.jp", "nobody@example.org"):
        response = client.post("/accounts/verify/resend/", {"email": email})
        assert response.status_code == 302
        assert response["Location"] == "/accounts/signup/sent/"
    assert [message.to for message in mail.outbox] == [["aiko@example.jp"]]
    assert "/accounts/verify/" in mail.outbox[0].body


def test_signing_up_with_a_known_email_creates_nothing_and_tells_its_owner(
    client: Client,
) -> None:
    """Issue 12: the form answers the same (no account enumeration); the owner is emailed a
    password-reset link instead."""
    UserFactory.create(username="meera", email="meera@example.in")
    response = sign_up(client, email="Meera@example.in")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/sent/"
    assert User.objects.filter(email__iexact="meera@example.in").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["meera@example.in"]
    assert "/accounts/password-reset/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param(
            {"password_again": "another-password"}, "The two passwords differ.", id="mismatch"
        ),
        pytest.param(
            {"password": "password", "password_again": "password"}, "too common", id="common"
        ),
        pytest.param({"email": "not-an-email"}, "valid email", id="email"),
        pytest.param({"organisation": ""}, "This field is required.", id="organisation"),
    ],
)
def test_a_refused_sign_up_shows_every_error_and_creates_nothing(
    client: Client, changes: dict[str, str], message: str
) -> None:
    """Issue 12: bad input gets a clear error; no account, no email."""
    response = sign_up(client, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert User.objects.exists() is False
    assert mail.outbox == []


def test_nobody_gives_themselves_an_officers_role(db: None) -> None:
    """Issue 12: self-service accounts are buyers or producers only."""
    with pytest.raises(ValidationError) as refused:
        account_register(
            email="x@example.org", password=PASSWORD, name="X", role=Role.NATIONAL_ADMIN
        )
    assert refused.value.code == "role_refused"
    assert User.objects.exists() is False


# ---------------------------------------------------------------- throttles


def test_sign_ups_for_one_email_are_throttled_with_a_429_page(
    client: Client, settings: object
) -> None:
    """Issue 12: past the per-email rate the page answers 429 with a clear message."""
    settings.ODOP_ACCOUNT_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        assert sign_up(client).status_code == 302
    response = sign_up(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 3600
    assert "Too many requests" in response.content.decode()
    assert len(mail.outbox) == 2  # the third try sent nothing


def test_requests_from_one_address_are_throttled_whatever_the_email(
    client: Client, settings: object
) -> None:
    """Issue 12: one address cannot spread its tries over many emails."""
    settings.ODOP_ACCOUNT_RATE_PER_IP = "3/h"
    codes = [
        client.post("/accounts/password-reset/", {"email": f"p{n}@example.org"}).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 429]


def test_the_throttle_page_is_in_hindi_under_hi(client: Client, settings: object) -> None:
    """Issue 12: the 429 page speaks the page's language."""
    settings.ODOP_ACCOUNT_RATE_PER_EMAIL = "1/h"
    client.post("/hi/accounts/verify/resend/", {"email": "a@example.org"})
    response = client.post("/hi/accounts/verify/resend/", {"email": "a@example.org"})
    assert response.status_code == 429
    assert "बहुत अधिक अनुरोध" in response.content.decode()


# ---------------------------------------------------------------- password reset


def test_a_forgotten_password_is_reset_by_email(client: Client) -> None:
    """Issue 12: ask, follow the link, choose a new password, sign in with it."""
    user = UserFactory.create(username="ravi", email="ravi@example.in", role=Role.PRODUCER)
    response = client.post("/accounts/password-reset/", {"email": "ravi@example.in"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ravi@example.in"]
    assert "Your username is ravi." in mail.outbox[0].body
    link = link_in(mail.outbox[0])

    form = client.get(link, follow=True)  # Django moves the token into the session
    assert form.status_code == 200 and "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-fresh-long-password", "new_password2": "a-fresh-long-password"},
    )
    assert done.status_code == 302
    assert done["Location"] == "/accounts/password-reset/done/"
    user.refresh_from_db()
    assert user.check_password("a-fresh-long-password")


def test_a_reset_link_works_once(client: Client) -> None:
    """Issue 12: once used, the link says it is no longer valid."""
    UserFactory.create(username="ravi", email="ravi@example.in")
    client.post("/accounts/password-reset/", {"email": "ravi@example.in"})
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    new = {"new_password1": "a-fresh-long-password", "new_password2": "a-fresh-long-password"}
    client.post(form.redirect_chain[-1][0], new)
    again = Client().get(link, follow=True)
    assert "This link is not valid any more" in again.content.decode()


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client: Client) -> None:
    """Issue 12: the reset form does not tell who has an account."""
    response = client.post("/accounts/password-reset/", {"email": "ghost@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_the_reset_pages_and_email_are_in_hindi_under_hi(client: Client) -> None:
    """Issue 12: recovery in both languages; the link keeps the Hindi prefix."""
    UserFactory.create(username="ravi", email="ravi@example.in")
    assert "अपना पासवर्ड बदलें" in client.get("/hi/accounts/password-reset/").content.decode()
    client.post("/hi/accounts/password-reset/", {"email": "ravi@example.in"})
    assert mail.outbox[0].subject == "अपना ओडीओपी प्लेटफ़ॉर्म पासवर्ड बदलें"
    assert link_in(mail.outbox[0]).startswith("/hi/accounts/password-reset/")


def test_when_the_mail_server_fails_nothing_is_kept_and_the_form_says_so(client: Client) -> None:
    """Issue 12: an account without its verification link would be stuck; the sign-up is
    rolled back and the person is told to try again."""
    with mock.patch("odop.accounts.signup.send_mail", side_effect=ConnectionRefusedError):
        response = sign_up(client)
    assert response.status_code == 200
    assert "We could not send the email just now." in response.content.decode()
    assert User.objects.exists() is False


def test_national_admins_see_who_a_buyer_buys_for_in_the_admin(client: Client) -> None:
    """Issue 12: a self-registered buyer's organisation, country and verification date are
    visible to the admins who look after accounts."""
    sign_up(client)
    buyer = User.objects.get(username="aiko@example.jp")
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get(f"/admin/accounts/user/{buyer.pk}/change/").content.decode()
    assert "Kyoto Crafts KK" in html and "Japan" in html and "Email verified at" in html

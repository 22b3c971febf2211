"""The API does what its OpenAPI schema says (issue 10): schemathesis against a live server.

What runs: `st --config-file odop/api/tests/schemathesis.toml run <schema> --url <live server>`
(schemathesis 4.x CLI, in a subprocess; the schema is the one /api/schema/ serves, fetched
in-process first because generating it can outlast schemathesis's loading timeout on a busy
machine) with `--checks all` (no server error, status code / content type / response header /
response schema conformance, negative data rejection, positive data acceptance, missing
required header, unsupported method, allow header, use after free, resource availability,
ignored auth, object level authorization), the `examples`, `coverage` and `fuzzing` phases,
`--max-examples` SCHEMATHESIS_MAX_EXAMPLES (default 10) per operation, `--seed` SEED, one
worker, no shrinking. schemathesis.toml lets writes (and two reads whose parameters depend on
each other) answer a schema-valid request with a 400 and a code; it says why. It runs twice:
anonymously, and with `Authorization: Token <key>` of a national administrator (the role
that reaches the most operations; `token_header` is the one place that obtains the key). Any
failure fails the test, and the CLI's own failure report (with a `curl` line to reproduce
each one) is the assertion message.

The data is small but real: the reference LGD/GI/ODOP set of the root conftest, a verified
producer with a published listing, an order, an inquiry, an outlet and a gift collection, so
that list and detail operations answer with rows and not only with empty pages and 404s.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from odop.accounts.models import Role, User
from odop.accounts.tests.factories import UserFactory
from odop.bazaar.services import inquiry_create, order_place
from odop.bazaar.tests.factories import ListingFactory, ProducerFactory
from odop.geography.models import District, State
from odop.outlets.services import collection_create, outlet_create
from odop.producers.models import ProducerStatus
from odop.registry.models import DistrictProduct
from odop.registry.services import ReferenceFiles, reference_import

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"  # UserFactory's
SEED = 20261001
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
ST = Path(sys.executable).with_name("st")
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture
def api_world(reference_dir: Path) -> dict[str, Any]:
    """Reference data plus one row of every bazaar/outlets kind the API lists."""
    reference_import(files=ReferenceFiles.in_directory(reference_dir))
    patna = District.objects.get(lgd_code=212)
    bihar = State.objects.get(lgd_code=10)
    officer = UserFactory.create(role=Role.DISTRICT_OFFICER, district=patna)
    seller = UserFactory.create(role=Role.PRODUCER)
    buyer = UserFactory.create(role=Role.BUYER)
    admin = UserFactory.create(role=Role.NATIONAL_ADMIN)
    producer = ProducerFactory.create(
        name="Patna Sikki Grass Collective",
        district=patna,
        user=seller,
        status=ProducerStatus.VERIFIED,
        verified_by=officer,
    )
    listing = ListingFactory.create(
        producer=producer,
        product=DistrictProduct.objects.filter(district=patna).first(),
        title="Makhana, roasted",
        story="Fox nuts of Patna",
        price=Decimal("250.00"),
        stock=500,
    )
    order_place(buyer=buyer, listing=listing, quantity=2)
    inquiry_create(buyer=buyer, listing=listing, quantity=50, message="For a wedding")
    outlet_create(
        actor=admin, kind="ekta_mall", name="PM Ekta Mall Patna", city="Patna", state=bihar
    )
    collection_create(actor=admin, title="Diwali gifts", occasion="Diwali")
    return {"admin": admin, "buyer": buyer, "seller": seller}


@pytest.fixture
def token_user(api_world: dict[str, Any]) -> User:
    """The user whose token the authenticated run sends."""
    user: User = api_world["admin"]
    return user


@pytest.fixture
def token_header(token_user: User) -> str:
    """`Authorization: Token <key>`, obtained the way a client does: from the token endpoint.

    The one place that knows how tokens are issued; change it here if the endpoint changes.
    """
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": token_user.username, "password": PASSWORD}
    )
    assert response.status_code == 200, response.content
    return f"Authorization: Token {response.json()['token']}"


@pytest.fixture
def schema_file(tmp_path: Path) -> Path:
    """The served schema, fetched once in-process: generating it takes longer than
    schemathesis waits for a schema URL on a busy 2-core machine."""
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    path = tmp_path / "openapi.json"
    path.write_bytes(response.content)
    return path


def schemathesis_run(
    schema: Path, base_url: str, *headers: str
) -> subprocess.CompletedProcess[str]:
    """Run schemathesis over the whole schema with every check; never raises."""
    command = [
        str(ST),
        "--no-color",
        "--config-file",
        str(CONFIG),
        "run",
        str(schema),
        "--url",
        base_url,
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--no-shrink",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--output-truncate",
        "true",
    ]
    for header in headers:
        command += ["--header", header]
    return subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)


def test_anonymous_calls_conform_to_the_schema(
    live_server: Any, api_world: dict, schema_file: Path
) -> None:
    result = schemathesis_run(schema_file, live_server.url)
    assert result.returncode == 0, result.stdout + result.stderr


def test_token_calls_conform_to_the_schema(
    live_server: Any, token_header: str, schema_file: Path
) -> None:
    result = schemathesis_run(schema_file, live_server.url, token_header)
    assert result.returncode == 0, result.stdout + result.stderr

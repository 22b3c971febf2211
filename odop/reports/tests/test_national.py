"""The real national list (ODOP_DATA_DIR) through the MIS and the real 2019 boundaries: Bihar
reads 38 of 38 districts and 87 products everywhere, and the national map draws every district
that has a shape, keyed by LGD code, counting the rest as "no shape" (issue 17)."""

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from odop.accounts.models import Role
from odop.accounts.tests.factories import UserFactory
from odop.geography.models import District
from odop.registry.models import DistrictProduct
from odop.registry.services import ReferenceFiles, reference_import
from odop.reports.maps import shapes_joined

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_bihar_and_the_national_map_with_the_real_data(real_data_dir: Path) -> None:
    cache.clear()
    reference_import(files=ReferenceFiles.in_directory(real_data_dir))
    bihar = District.objects.get(lgd_code=212).state
    client = Client()

    workbook = load_workbook(
        io.BytesIO(client.get(f"/api/v1/reports/mis.xlsx?state={bihar.lgd_code}").content)
    )
    coverage = {row[0]: row[1] for row in workbook["Coverage"].iter_rows(values_only=True)}
    assert (coverage["Districts with at least one product"], coverage["Districts"]) == (38, 38)
    assert coverage["District products"] == 87
    national = load_workbook(io.BytesIO(client.get("/api/v1/reports/mis.xlsx").content))
    rows = {row[1]: row for row in national["States and UTs"].iter_rows(values_only=True)}
    assert (rows["Bihar"][3], rows["Bihar"][2], rows["Bihar"][4]) == (38, 38, 87)
    assert sum(row[4] for name, row in rows.items() if name != "Name") == 1241

    pdf = PdfReader(
        io.BytesIO(client.get(f"/api/v1/reports/mis.pdf?state={bihar.lgd_code}").content)
    )
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert re.search(r"Districts / \S+ 38\n", text)
    assert re.search(r"District products / \S+ उत्पाद 87\n", text)

    officer = UserFactory.create(role=Role.STATE_OFFICER, state=bihar)
    client.force_login(officer)
    html = client.get("/mis/").content.decode()
    assert "<dt>Districts with at least one product</dt><dd>38</dd>" in html
    assert '<dt>District products</dt><dd><a href="/api/v1/products/?state=10">87</a></dd>' in html
    client.logout()

    svg = client.get("/maps/districts.svg").content.decode()
    drawn = re.findall(r'<path data-lgd="(\d+)"', svg)
    shaped = {code for code in shapes_joined().values() if code is not None}
    assert len(drawn) == len(set(drawn)) == len(shaped)
    assert {int(code) for code in drawn} == shaped
    without = District.objects.exclude(lgd_code__in=shaped).count()
    assert f'data-no-shape="{without}"' in svg
    assert len(drawn) + without == District.objects.count()
    # Every shape of the 2019 file but the two reviewed exceptions finds its district.
    assert len(shaped) == 734 - 2
    # Light enough for a phone: measured 171 KB nationally (gzip makes it about a third).
    assert len(svg.encode()) < 200_000
    products = DistrictProduct.objects.filter(district__lgd_code=212).count()
    assert re.search(rf'data-lgd="212"[^>]*><title>Patna, {products}</title>', svg)

    page = client.get(f"/maps/districts/?state={bihar.lgd_code}").content.decode()
    assert len(set(re.findall(r'<path data-lgd="(\d+)"', page))) == 38

"""The scheme application of the demo (`make run`): the demo brassware producer of Moradabad
applies to the UP ODOP margin money scheme, so the demo district officer finds it in "My work"
at its first stage (review by the district resource person, a stage the district officer owns)
and the producer's 360 page shows it. Idempotent.

Why this scheme: the demo producer (`odop.bazaar.demo`) is a verified MSME of Moradabad, in
Uttar Pradesh, selling Moradabad Metal Craft, the district's ODOP product. The margin money
scheme is Uttar Pradesh's (its file's `state`: 9) for an ODOP project, and its published rules
have no eligibility criteria beyond the project cost. The PMFME schemes are for food
processing, and the marketing assistance is for a fair with its own stall charge and freight,
which the demo has no figures for.

Demo input, not data: the project cost (ten lakh rupees, the first tier) and the two PDF files
(one page saying they are demo documents). Every write goes through the services, as the
producer would apply on the site: `application_submit`, then `application_document_attach`
for the documents the first stage asks for before the officer can move it on.

Precondition: the shipped schemes are loaded (`odop bootstrap` runs `schemes_load` before
`seed_demo`); without them, or when the demo producer is not in the demo district or the
district is not in the scheme's State, nothing is made.
"""

from decimal import Decimal
from typing import Final

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from fpdf import FPDF

from odop.accounts.models import User
from odop.geography.models import District
from odop.producers.models import Producer
from odop.schemes import stages
from odop.schemes.models import Application, Scheme
from odop.schemes.selectors import scheme_version_published
from odop.schemes.services import application_document_attach, application_submit

DEMO_APPLICANT: Final = "demo-producer"
DEMO_SCHEME: Final = "up-odop-margin-money"
# Demo input: a small unit's machinery, within the scheme's first tier (up to ₹25 lakh).
DEMO_PROJECT_COST: Final = Decimal("1000000")


def demo_pdf(title: str) -> bytes:
    """A one-page A4 PDF showing `title`, written by fpdf2 (the platform's PDF library)."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=14)
    pdf.multi_cell(0, 10, title)
    return bytes(pdf.output())


@transaction.atomic
def schemes_demo_ensure(*, district: District | None) -> Application | None:
    """The demo producer's application to the margin money scheme, made once with the
    documents its first stage asks for; later runs return it as it is, whatever stage the
    officers moved it to. None when the preconditions (module docstring) do not hold."""
    applicant = User.objects.filter(username=DEMO_APPLICANT).first()
    scheme = Scheme.objects.filter(code=DEMO_SCHEME).first()
    if district is None or applicant is None or scheme is None:
        return None
    producer = Producer.objects.filter(user=applicant, district=district).first()
    if producer is None or scheme_version_published(scheme=scheme) is None:
        return None
    if scheme.state_id is not None and scheme.state_id != district.state_id:
        return None  # a State's scheme is for that State's producers
    existing = Application.objects.filter(producer=producer, scheme=scheme).first()
    if existing is not None:
        return existing
    application = application_submit(
        user=applicant, scheme=scheme, facts={"project_cost": str(DEMO_PROJECT_COST)}
    )
    first = stages.stages_for(scheme.code)[0]
    for kind in first.documents:
        name = stages.document_kinds()[kind]["en"]
        application_document_attach(
            user=applicant,
            application=application,
            kind=kind,
            upload=SimpleUploadedFile(
                f"demo-{kind.replace('_', '-')}.pdf",
                demo_pdf(f"Demo document, not a real one: {name}"),
                content_type="application/pdf",
            ),
        )
    return application

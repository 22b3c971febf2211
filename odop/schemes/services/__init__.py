"""Writes of schemes: the rules (`rules`) and the applications (`applications`)."""

from odop.schemes.services.applications import (
    application_document_attach as application_document_attach,
)
from odop.schemes.services.applications import application_move as application_move
from odop.schemes.services.applications import application_submit as application_submit
from odop.schemes.services.applications import applications_escalate as applications_escalate
from odop.schemes.services.rules import SHIPPED as SHIPPED
from odop.schemes.services.rules import LoadOutcome as LoadOutcome
from odop.schemes.services.rules import parameter_value_approve as parameter_value_approve
from odop.schemes.services.rules import parameter_value_propose as parameter_value_propose
from odop.schemes.services.rules import parameter_value_reject as parameter_value_reject
from odop.schemes.services.rules import scheme_version_publish as scheme_version_publish
from odop.schemes.services.rules import scheme_version_save as scheme_version_save
from odop.schemes.services.rules import scheme_version_validate as scheme_version_validate
from odop.schemes.services.rules import schemes_load as schemes_load

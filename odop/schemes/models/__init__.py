"""Models of schemes: the rules (`rules`) and the applications made under them
(`applications`). Re-exported here so `odop.schemes.models.X` keeps working."""

from odop.schemes.models.applications import (
    APPLICATION_NUMBER_MAX as APPLICATION_NUMBER_MAX,
)
from odop.schemes.models.applications import DOCUMENT_MAX_BYTES as DOCUMENT_MAX_BYTES
from odop.schemes.models.applications import ESCALATION_MAX as ESCALATION_MAX
from odop.schemes.models.applications import Application as Application
from odop.schemes.models.applications import ApplicationDocument as ApplicationDocument
from odop.schemes.models.applications import ApplicationEvent as ApplicationEvent
from odop.schemes.models.applications import ApplicationEventKind as ApplicationEventKind
from odop.schemes.models.applications import ApplicationStatus as ApplicationStatus
from odop.schemes.models.rules import PARAMETER_VALUE_DIGITS as PARAMETER_VALUE_DIGITS
from odop.schemes.models.rules import PARAMETER_VALUE_MAX as PARAMETER_VALUE_MAX
from odop.schemes.models.rules import PARAMETER_VALUE_PLACES as PARAMETER_VALUE_PLACES
from odop.schemes.models.rules import REFERENCE_MAX as REFERENCE_MAX
from odop.schemes.models.rules import Parameter as Parameter
from odop.schemes.models.rules import ParameterType as ParameterType
from odop.schemes.models.rules import ParameterValue as ParameterValue
from odop.schemes.models.rules import ParameterValueEvent as ParameterValueEvent
from odop.schemes.models.rules import ParameterValueStatus as ParameterValueStatus
from odop.schemes.models.rules import Scheme as Scheme
from odop.schemes.models.rules import SchemeVersion as SchemeVersion
from odop.schemes.models.rules import SchemeVersionEvent as SchemeVersionEvent
from odop.schemes.models.rules import SchemeVersionStatus as SchemeVersionStatus

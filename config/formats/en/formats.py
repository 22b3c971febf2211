"""English pages: Indian digit grouping (12,34,567) and one date format, "2 Dec 2026"
(issue 12: "12/02/2026" meant 2 December on one page and "Dec. 2, 2026" showed on another)."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
# Typed dates read day first, as India writes them (02/12/2026 is 2 December); ISO first for
# the browsers' date inputs.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]

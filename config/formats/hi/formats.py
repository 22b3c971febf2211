"""Hindi pages: Indian digit grouping (12,34,567) and one date format, "2 दिसंबर 2026": the
month by its full name (Hindi has no customary three-letter months) and the international
form of Indian numerals, as official Hindi writes dates (issue 12). The month names' spelling
comes from the project's catalogue (odop/core/dates.py), not Django's."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d"]

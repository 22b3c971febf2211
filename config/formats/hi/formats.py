"""Indian digit grouping: 12,34,567 (three digits, then twos)."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)

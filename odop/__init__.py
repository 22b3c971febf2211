"""The ODOP platform."""

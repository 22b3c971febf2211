"""Serializers every app's API shares: how a response names a place.

A State or a district is named by its LGD code and its name everywhere in the API (one schema
component each), so clients parse places one way.
"""

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers


@extend_schema_serializer(component_name="PlaceRef")
class PlaceRef(serializers.Serializer):
    """A State or a district: its LGD code and name."""

    lgd_code = serializers.IntegerField()
    name = serializers.CharField()


@extend_schema_serializer(component_name="DistrictWithStateRef")
class DistrictWithStateRef(PlaceRef):
    """A district with the State it belongs to."""

    state = PlaceRef()

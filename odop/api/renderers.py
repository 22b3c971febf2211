"""Renderers for media types other than plain JSON."""

from rest_framework.renderers import JSONRenderer


class GeoJsonRenderer(JSONRenderer):
    """GeoJSON (RFC 7946) under its own media type, so map clients and the schema agree.

    Setting the header on the response is not enough: DRF overwrites `Content-Type` with the
    chosen renderer's media type when it renders.
    """

    media_type = "application/geo+json"
    format = "geojson"

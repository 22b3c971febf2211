"""Ranked catalogue search (issue 13): pure text and ranking modules, the reviewed glossary."""

from odop.registry.search.glossary import Glossary, GlossaryEntry, glossary_load, glossary_parse
from odop.registry.search.ranking import SearchDocument, SearchHit, SearchIndex

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "glossary_load",
    "glossary_parse",
]

"""factory_boy factories of the place registry. Call `.create()` / `.build()` explicitly."""

import factory
from factory.django import DjangoModelFactory

from odop.core.text import text_key
from odop.geography.models import AliasSource, District, DistrictAlias, State, StateKind


class StateFactory(DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("lgd_code",)

    lgd_code = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"State {n}")
    name_lgd = factory.LazyAttribute(lambda state: state.name.upper())
    kind = StateKind.STATE


class DistrictFactory(DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("lgd_code",)

    lgd_code = factory.Sequence(lambda n: 5000 + n)
    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    name_lgd = factory.LazyAttribute(lambda district: district.name.upper())
    is_provisional = False


class DistrictAliasFactory(DjangoModelFactory):
    class Meta:
        model = DistrictAlias

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Spelling {n}")
    key = factory.LazyAttribute(lambda alias: text_key(alias.name))
    source = AliasSource.CURATED

import factory

from odop.geography.models import District, State


class StateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = State
        django_get_or_create = ("lgd_code",)

    lgd_code = factory.Sequence(lambda n: 100 + n)
    name = factory.Sequence(lambda n: f"State {n}")
    name_lgd = factory.LazyAttribute(lambda state: state.name.upper())


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("lgd_code",)

    lgd_code = factory.Sequence(lambda n: 1000 + n)
    state = factory.SubFactory(StateFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    name_lgd = factory.LazyAttribute(lambda district: district.name.upper())

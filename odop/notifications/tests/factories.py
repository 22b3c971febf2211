import factory
from django.utils import timezone

from odop.accounts.tests.factories import UserFactory
from odop.notifications.models import Channel, Consent


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    user = factory.SubFactory(UserFactory)
    channel = Channel.EMAIL
    address = factory.Sequence(lambda n: f"person{n}@example.in")
    source = "sign-up form"
    given_at = factory.LazyFunction(timezone.now)

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "odop.core"
    label = "core"

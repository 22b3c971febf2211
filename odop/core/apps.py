from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "odop.core"
    label = "core"

    def ready(self) -> None:
        # Cached anonymous pages go stale when the rows they show change (odop.core.page_cache).
        from odop.core.page_cache import data_version_signals_connect

        data_version_signals_connect()

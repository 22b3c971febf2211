from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "odop.markets"
    label = "markets"
    verbose_name = _("Markets and export intelligence")

    def ready(self) -> None:
        """A merge of two product types moves their HS decisions (issue 13)."""
        from odop.markets.services import hs_links_merge
        from odop.registry.services.types import product_type_merge_handler_register

        product_type_merge_handler_register(
            model_label="markets.ProductHSCode", handler=hs_links_merge
        )

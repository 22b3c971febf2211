"""A scheme evaluation as data: the shape the API answers (`EvaluationOutput`) and the JSON an
application stores at submission. Pure."""

from typing import Any

from odop.schemes.engine import Decision


def evaluation_data(decision: Decision) -> dict[str, Any]:
    """A decision in the shape of `EvaluationOutput`."""
    return {
        "eligible": decision.eligible,
        "benefit": decision.benefit,
        "reasons": [
            {"criterion": reason.criterion, "en": reason.en, "hi": reason.hi}
            for reason in decision.reasons
        ],
        "trace": [
            {
                "kind": entry.kind,
                "step": entry.name if entry.kind != "parameter" else None,
                "parameter": entry.name if entry.kind == "parameter" else None,
                "value": entry.value,
                "rule": entry.rule,
                "effective_from": entry.effective_from,
                "reference": entry.reference,
            }
            for entry in decision.trace
        ],
    }


def evaluation_json(decision: Decision) -> dict[str, Any]:
    """The reasons and trace of a decision as JSON values (dates as ISO strings)."""
    data = evaluation_data(decision)
    return {
        "reasons": data["reasons"],
        "trace": [
            {
                **entry,
                "effective_from": entry["effective_from"].isoformat()
                if entry["effective_from"]
                else None,
            }
            for entry in data["trace"]
        ],
    }

"""Policy parameters with their defaults, and the exact arithmetic of thresholds.

Every threshold is an exact fraction; "more than half" and "at least two thirds" are computed
with integers, never floats, so a boundary is never off by one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from charter import schema


def more_than(fraction: Fraction, total: int) -> int:
    """Smallest n with n > fraction * total."""
    return (fraction.numerator * total) // fraction.denominator + 1


def at_least(fraction: Fraction, total: int) -> int:
    """Smallest n with n >= fraction * total."""
    return -(-(fraction.numerator * total) // fraction.denominator)


def defaults() -> dict[str, Any]:
    """The default of every parameter, read from the policy schema so there is one source."""
    out: dict[str, Any] = {}
    props = schema.bundled("policy")["properties"]
    for section, spec in props.items():
        if section == "organisation":
            continue
        out[section] = {
            k: json.loads(json.dumps(v["default"]))
            for k, v in spec.get("properties", {}).items()
            if "default" in v
        }
    out["governance"].setdefault(
        "discussion_required_for",
        [
            "policy",
            "module-added",
            "module-removed",
            "maintainer-removed",
            "core-removed",
            "lead-removed",
            "tooling",
        ],
    )
    out["council"].setdefault("coi_exempt", [])
    return out


@dataclass(frozen=True)
class Policy:
    """The effective policy: the file's values over the defaults."""

    values: dict[str, Any]
    organisation: dict[str, Any]

    @classmethod
    def from_data(cls, data: dict[str, Any] | None) -> Policy:
        data = data or {}
        merged = defaults()
        for section, vals in data.items():
            if section == "organisation":
                continue
            if isinstance(vals, dict):
                merged.setdefault(section, {}).update(vals)
        return cls(values=merged, organisation=dict(data.get("organisation") or {}))

    def get(self, dotted: str) -> Any:
        section, _, key = dotted.partition(".")
        return self.values[section][key]

    def fraction(self, dotted: str) -> Fraction:
        return Fraction(self.get(dotted))

"""The dashboard's filters as plain data, and the query parameters they become.

Every named query takes the same parameters, so one Filters value drives every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Filters:
    """What an official has chosen in the sidebar. Empty tuples mean "all"."""

    year_from: int = 2019
    year_to: int = 2100
    districts: tuple[str, ...] = ()
    bureaus: tuple[str, ...] = ()
    agency_ids: tuple[int, ...] = ()
    templates: tuple[str, ...] = ()
    include_synthetic: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        """The $parameters every named query accepts (DuckDB named parameters)."""
        return {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "districts": list(self.districts),
            "bureaus": list(self.bureaus),
            "agency_ids": list(self.agency_ids),
            "templates": list(self.templates),
            "include_synthetic": self.include_synthetic,
        }


# The WHERE clause every named query applies lives in one place, the table macro `in_view` in
# queries/schema.sql: each .sql file reads `FROM in_view($year_from, $year_to, …) r` with these parameters.

"""The dashboard's filters as plain data, and the query parameters they become.

Every named query takes the same parameters, so one Filters value drives every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Whose numbers a table counts, as the sidebar and the URL name it: the issuing agency's own work (部门自身), or a
# government's whole area (政府汇总: 全市/全区/全县 figures). The two are never added together.
SCOPES = {"agency": "部门自身", "region": "政府汇总"}
# A 区县 choice names a district by its name where the name is unique in the dataset (明湖区), else by its city and
# name joined by this mark (南京市·鼓楼区), as the filter_options query offers it and the in_view macro matches it; a
# bare name that repeats (an older link) keeps every district of that name.
DISTRICT_MARK = "·"


@dataclass(frozen=True, slots=True)
class Filters:
    """What an official has chosen in the sidebar. Empty tuples mean "all"."""

    year_from: int = 2019
    year_to: int = 2100
    provinces: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    bureaus: tuple[str, ...] = ()
    agency_ids: tuple[int, ...] = ()
    templates: tuple[str, ...] = ()
    dataset: str = "real"  # demo | real: the two are never mixed (xxgk.datasets)
    scope: str = "agency"  # agency | region: whose numbers a table counts (SCOPES)
    extra: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        """The $parameters every named query accepts (DuckDB named parameters)."""
        return {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "provinces": list(self.provinces),
            "cities": list(self.cities),
            "districts": list(self.districts),
            "bureaus": list(self.bureaus),
            "agency_ids": list(self.agency_ids),
            "templates": list(self.templates),
            "dataset": self.dataset,
            "scope": self.scope,
        }

    @property
    def synthetic(self) -> bool:
        """Whether the figures in view are the fictional demo city's (示例数据，虚构)."""
        return self.dataset == "demo"


# The WHERE clause every named query applies lives in one place, the table macro `in_view` in
# queries/schema.sql: each .sql file reads `FROM in_view($year_from, $year_to, …) r` with these parameters.

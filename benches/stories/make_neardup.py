"""A corpus with planted near-duplicates, for scoring `textmill dedup` (benches/eval/dedup.py).

Built from the 1,000 CNN/DM validation articles (DATA/summarization/cnndm_val1000.jsonl), as
shared/data/stories/SOURCES.md describes, with --docs documents in all:
  - base articles: the 1,000 articles as they are;
  - fillers: documents made of sentences drawn from many random articles, at most 2 sentences from
    any one article, so that no filler is a near-duplicate of anything; each takes the sentence
    count of a random article;
  - near-copies (10% of --docs): a copy of a random base document (article or filler) with 5% of
    its words deleted or replaced (50/50; replacements drawn uniformly from the corpus vocabulary)
    and one boilerplate line added at the start or the end;
  - exact copies (1% of --docs): verbatim copies of a random base document.
Some of the 1,000 articles already reuse each other's text (updated versions of one story, the
CNN Student News pages that share a template): every pair of articles whose word 5-gram Jaccard
(shingle_set below) is at least NATURAL_JACCARD is listed in the truth as "natural", so that a
scorer can count a document marked as a duplicate of such a relative as right.
The documents are shuffled (a copy may come before its original) and get neutral ids (doc-000001,
...). Writes OUT.jsonl ({"id", "text"} per line) and OUT.truth.json: {"groups": [[id, ...]], a
base document and its copies, the base first; "natural": [[id, id, jaccard]]; "kinds": {id:
base|filler|copy|exact}; "counts"; "seed"}. Deterministic given --seed.

Usage: python benches/stories/make_neardup.py [DATA] OUT.jsonl [--docs 20000] [--seed 1]
DATA defaults to ../shared/data from the repo root.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")
COPY_SHARE, EXACT_SHARE, EDIT_SHARE = 0.10, 0.01, 0.05
MAX_PER_ARTICLE = 2
NATURAL_JACCARD = 0.25
WORD = re.compile(r"\w+")
BOILERPLATE = [
    "Follow us on Twitter @CNN and on Facebook.",
    "Sign up for our newsletter to get the top stories every morning.",
    "Copyright 2024 Cable News Network. All rights reserved.",
    "Read More: The latest news from around the world",
    "Click here to share this story with your friends.",
    "This article was first published on our website.",
    "Advertisement",
    "Share this article: Facebook | Twitter | Email",
]


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def shingle_set(text: str, k: int) -> set[tuple[str, ...]]:
    """Shingles of k consecutive words (lower-cased \\w+ runs); a text of fewer than k words is one shingle."""
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def natural_pairs(texts: list[str], k: int = 5) -> list[tuple[int, int, float]]:
    """Pairs (i, j, Jaccard) of texts whose k-word shingle sets have a Jaccard of at least NATURAL_JACCARD."""
    sets = [shingle_set(t, k) for t in texts]
    postings = defaultdict(list)
    for i, s in enumerate(sets):
        for g in s:
            postings[g].append(i)
    shared = Counter(pair for docs in postings.values() for pair in combinations(docs, 2))
    pairs = [(a, b, n / (len(sets[a]) + len(sets[b]) - n)) for (a, b), n in shared.items()]
    return sorted((a, b, round(j, 4)) for a, b, j in pairs if j >= NATURAL_JACCARD)


def filler(rng: random.Random, article_sentences: list[list[str]]) -> str:
    """Sentences from random articles, at most MAX_PER_ARTICLE from any one, as many as a random article has."""
    want = len(rng.choice(article_sentences))
    taken: dict[int, int] = {}
    out: list[str] = []
    while len(out) < want:
        a = rng.randrange(len(article_sentences))
        if taken.get(a, 0) < MAX_PER_ARTICLE:
            taken[a] = taken.get(a, 0) + 1
            out.append(rng.choice(article_sentences[a]))
    return " ".join(out)


def near_copy(rng: random.Random, text: str, vocabulary: list[str]) -> str:
    """text with EDIT_SHARE of its words deleted or replaced and a boilerplate line at one end."""
    words = text.split()
    for i in sorted(rng.sample(range(len(words)), max(1, round(EDIT_SHARE * len(words)))), reverse=True):
        if rng.random() < 0.5:
            del words[i]
        else:
            words[i] = rng.choice(vocabulary)
    line = rng.choice(BOILERPLATE)
    body = " ".join(words)
    return f"{line}\n{body}" if rng.random() < 0.5 else f"{body}\n{line}"


def build(data: Path, docs: int, seed: int) -> tuple[list[dict], dict]:
    """(records in corpus order, truth) of a corpus of `docs` documents."""
    rng = random.Random(seed)
    with open(data / "summarization" / "cnndm_val1000.jsonl", encoding="utf-8") as f:
        articles = [json.loads(line)["article"] for line in f if line.strip()]
    copies, exact = round(COPY_SHARE * docs), round(EXACT_SHARE * docs)
    fillers = docs - len(articles) - copies - exact
    if fillers < 0:
        raise SystemExit(f"--docs must be at least {round(len(articles) / (1 - COPY_SHARE - EXACT_SHARE))}")
    article_sentences = [sentences(a) for a in articles]
    vocabulary = sorted({w for a in articles for w in a.split()})

    # (text, kind, index of the base document it copies or None)
    items = [(a, "base", None) for a in articles]
    items += [(filler(rng, article_sentences), "filler", None) for _ in range(fillers)]
    n_base = len(items)
    for _ in range(copies):
        b = rng.randrange(n_base)
        items.append((near_copy(rng, items[b][0], vocabulary), "copy", b))
    for _ in range(exact):
        b = rng.randrange(n_base)
        items.append((items[b][0], "exact", b))

    order = list(range(len(items)))
    rng.shuffle(order)
    ids = [""] * len(items)
    for position, i in enumerate(order):
        ids[i] = f"doc-{position + 1:06d}"
    records = [{"id": ids[i], "text": items[i][0]} for i in order]

    groups: dict[int, list[str]] = {}
    for i, (_, _, base) in enumerate(items):
        if base is not None:
            groups.setdefault(base, [ids[base]]).append(ids[i])
    truth = {
        "groups": [groups[b] for b in sorted(groups)],
        "natural": [[ids[a], ids[b], j] for a, b, j in natural_pairs(articles)],
        "kinds": {ids[i]: kind for i, (_, kind, _) in enumerate(items)},
        "counts": {"docs": docs, "base": len(articles), "filler": fillers, "copy": copies, "exact": exact},
        "seed": seed,
    }
    return records, truth


def truth_path(out: Path) -> Path:
    return out.with_name(out.name.removesuffix(".jsonl") + ".truth.json")


def write(out: Path, records: list[dict], truth: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    truth_path(out).write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data",
                   help="data folder (default: ../shared/data from the repo root)")
    p.add_argument("out", type=Path, help="corpus to write (OUT.jsonl); the truth goes beside it")
    p.add_argument("--docs", type=int, default=20000, help="documents in all (default 20000)")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    records, truth = build(args.data, args.docs, args.seed)
    write(args.out, records, truth)
    c = truth["counts"]
    print(f"wrote {args.out} ({len(records)} documents: {c['base']} articles, {c['filler']} fillers, "
          f"{c['copy']} near-copies, {c['exact']} exact copies; {len(truth['groups'])} duplicate groups, "
          f"{len(truth['natural'])} natural pairs) "
          f"and {truth_path(args.out)}")


if __name__ == "__main__":
    main()

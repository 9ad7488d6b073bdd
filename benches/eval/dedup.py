"""Near-duplicate detection: `textmill dedup` on a corpus with planted near-duplicates, beside datasketch.

What it measures: builds the corpus of benches/stories/make_neardup.py (--docs documents from the
CNN/DM validation articles, 10% near-copies with 5% of the words edited plus a boilerplate line,
1% exact copies) under target/dedup/, runs the release binary on it once and scores its output:
  - a planted document is any member of a planted group (a base document and its copies) except
    the earliest in input order; related(d) is d's group joined with the pairs of articles that
    already reuse each other's text (the truth's "natural" pairs, word 5-gram Jaccard >= 0.25);
  - recall = planted documents marked duplicate_of a document related to them / planted documents;
  - precision = documents marked duplicate_of a document related to them / documents marked.
It prints P, R, the true Jaccard (of the shingle sets, --shingle words) of each missed planted
document with the closest earlier member of its group, wall time end to end (docs/s) and CPU time
(user + system of the child process, from getrusage(RUSAGE_CHILDREN); the user share is printed too).

Peer (--peer datasketch): datasketch 2.0 MinHash (128 permutations, shared, update_batch) and
MinHashLSH at the same --threshold, on the same shingles as textmill (--shingle consecutive
lower-cased \\w+ words; datatrove's default is 5), end to end from reading the JSONL: each
document queries the index, is marked duplicate_of its earliest candidate (no check of the
estimate) and is inserted. CPU time by time.process_time(); the ratio textmill/peer of documents
per CPU-second is printed. --peer none skips it.

Run:  python benches/eval/dedup.py [DATA] [--docs 20000] [--binary target/release/textmill]
      [--peer datasketch|none] [--shingle 5] [--threshold 0.5] [--hashes N] [--bands B] [--json out.json]
DATA defaults to ../shared/data from the repo root.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stories"))
from common import REPO, read_jsonl, table, write_json  # noqa: E402
import make_neardup  # noqa: E402


# ---------------------------------------------------------------- truth and scoring


def related_components(truth: dict) -> dict[str, str]:
    """id -> a representative of its planted group joined with the natural pairs (union-find)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = [(g[0], m) for g in truth["groups"] for m in g[1:]] + [(a, b) for a, b, _ in truth["natural"]]
    for a, b in links:
        parent[find(a)] = find(b)
    return {x: find(x) for x in parent}


def score(marks: dict[str, str], order: list[str], truth: dict) -> dict:
    """Precision and recall of marks (id -> duplicate_of) against the truth (see the top of the file)."""
    position = {d: i for i, d in enumerate(order)}
    component = related_components(truth)
    related = lambda a, b: a in component and component.get(b) == component[a]
    planted = [m for g in truth["groups"] for m in sorted(g, key=position.__getitem__)[1:]]
    found = [d for d in planted if d in marks and related(d, marks[d])]
    right = [d for d, of in marks.items() if related(d, of)]
    group = {m: i for i, g in enumerate(truth["groups"]) for m in g}
    return {
        "precision": len(right) / len(marks) if marks else 1.0,
        "recall": len(found) / len(planted),
        "marked": len(marks),
        "wrong": len(marks) - len(right),
        "by_natural_pair": sum(1 for d in right if group.get(d, d) != group.get(marks[d], marks[d])),
        "not_earlier": sum(1 for d, of in marks.items() if position.get(of, len(order)) >= position[d]),
        "missed": sorted(set(planted) - set(found), key=position.__getitem__),
    }


def missed_jaccard(missed: list[str], order: list[str], truth: dict, texts: dict[str, str], k: int) -> list[float]:
    """Per missed document: true Jaccard of its k-word shingles with the closest earlier member of its group."""
    position = {d: i for i, d in enumerate(order)}
    group = {m: g for g in truth["groups"] for m in g}
    out = []
    for d in missed:
        own = make_neardup.shingle_set(texts[d], k)
        out.append(max(make_neardup.jaccard(own, make_neardup.shingle_set(texts[o], k))
                       for o in group[d] if position[o] < position[d]))
    return out


def describe(values: list[float]) -> str:
    if not values:
        return "none"
    v = sorted(values)
    p5 = v[int(0.05 * (len(v) - 1))]
    return f"n {len(v)}, min {v[0]:.3f}, p5 {p5:.3f}, median {statistics.median(v):.3f}, max {v[-1]:.3f}"


# ---------------------------------------------------------------- systems


def run_textmill(args, corpus: Path, out: Path) -> tuple[dict[str, str], dict, dict]:
    """(marks, estimated similarity per marked id, timing) of one `textmill dedup` run."""
    cmd = [str(args.binary), "dedup", str(corpus), "-o", str(out),
           "--shingle", str(args.shingle), "--threshold", str(args.threshold)]
    cmd += ["--hashes", str(args.hashes)] if args.hashes else []
    cmd += ["--bands", str(args.bands)] if args.bands else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"error: no binary at {args.binary} (build it with cargo build --release, or give --binary)")
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
    print(f"textmill: {' '.join(cmd[1:])}\n  stderr: {done.stderr.strip()}")
    user = after.ru_utime - before.ru_utime
    timing = {"wall": wall, "cpu": user + after.ru_stime - before.ru_stime, "user": user}
    records = read_jsonl(out)
    marks = {r["id"]: r["duplicate_of"] for r in records if "duplicate_of" in r}
    similarity = {r["id"]: r.get("similarity") for r in records if "duplicate_of" in r}
    timing["output_ids"] = [r["id"] for r in records]
    return marks, similarity, timing


def run_datasketch(corpus: Path, k: int, threshold: float) -> tuple[dict[str, str], dict]:
    """(marks, timing) of datasketch MinHash + MinHashLSH, end to end from the JSONL file."""
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        sys.exit("error: datasketch is not installed (pip install datasketch==2.0.0), or use --peer none")
    cpu, wall = time.process_time(), time.perf_counter()
    permutations = MinHash(num_perm=128).permutations
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    position, marks = {}, {}
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            doc = record["id"]
            m = MinHash(num_perm=128, permutations=permutations, scheme="affine32")
            m.update_batch([" ".join(s).encode("utf-8") for s in make_neardup.shingle_set(record["text"], k)])
            candidates = lsh.query(m)
            if candidates:
                marks[doc] = min(candidates, key=position.__getitem__)
            position[doc] = len(position)
            lsh.insert(doc, m)
    return marks, {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


# ---------------------------------------------------------------- main


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data",
                   help="data folder (default: ../shared/data from the repo root)")
    p.add_argument("--docs", type=int, default=20000, help="corpus size (default 20000; 2000 for a quick check)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "textmill")
    p.add_argument("--peer", choices=["datasketch", "none"], default="datasketch")
    p.add_argument("--shingle", type=int, default=3, help="words per shingle, both systems (default 3, textmill's)")
    p.add_argument("--threshold", type=float, default=0.5, help="Jaccard threshold, both systems (default 0.5)")
    p.add_argument("--hashes", type=int, help="textmill --hashes (default: textmill's)")
    p.add_argument("--bands", type=int, help="textmill --bands (default: textmill's)")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    args = p.parse_args()

    folder = REPO / "target" / "dedup"
    corpus = folder / f"neardup-{args.docs}-s{args.seed}.jsonl"
    records, truth = make_neardup.build(args.data, args.docs, args.seed)
    make_neardup.write(corpus, records, truth)
    order = [r["id"] for r in records]
    texts = {r["id"]: r["text"] for r in records}
    c = truth["counts"]
    print(f"corpus {corpus}: {c['docs']} documents ({c['copy']} near-copies, {c['exact']} exact copies, "
          f"{len(truth['groups'])} groups, {len(truth['natural'])} natural pairs); "
          f"shingle {args.shingle} words, threshold {args.threshold}\n")

    runs = {}
    marks, similarity, timing = run_textmill(args, corpus, folder / "textmill-out.jsonl")
    if timing.pop("output_ids") != order:
        print("  warning: the output does not hold every input record once, in input order")
    runs["textmill"] = (marks, timing)
    if args.peer == "datasketch":
        runs["datasketch"] = run_datasketch(corpus, args.shingle, args.threshold)

    rows, figures = [], {"docs": c["docs"], "shingle": args.shingle, "threshold": args.threshold}
    for name, (marks, timing) in runs.items():
        s = score(marks, order, truth)
        missed = missed_jaccard(s.pop("missed"), order, truth, texts, args.shingle)
        figures[name] = {**s, **timing, "docs_per_s": c["docs"] / timing["wall"],
                         "docs_per_cpu_s": c["docs"] / timing["cpu"], "missed_jaccard": describe(missed)}
        f = figures[name]
        rows.append([name, f"{f['precision']:.4f}", f"{f['recall']:.4f}", f["marked"], f["wrong"],
                     f["by_natural_pair"], f"{f['wall']:.2f}", f"{f['docs_per_s']:.0f}", f"{f['cpu']:.2f}",
                     f"{timing['user']:.2f}" if "user" in timing else "-", f"{f['docs_per_cpu_s']:.0f}"])
    print()
    print(table(["system", "P", "R", "marked", "wrong", "natural", "wall s", "docs/s", "CPU s", "user s",
                 "docs/CPU-s"], rows))
    print("\n(natural: marks counted right through a natural pair, not a planted group)")
    for name in runs:
        f = figures[name]
        print(f"{name}: missed planted documents, true Jaccard with the closest earlier member of their group:\n"
              f"  {f['missed_jaccard']}")
        if f["not_earlier"]:
            print(f"  {f['not_earlier']} marks point to a document that is not earlier in the input")
    errors = [abs(sim - make_neardup.jaccard(make_neardup.shingle_set(texts[d], args.shingle),
                                             make_neardup.shingle_set(texts[runs["textmill"][0][d]], args.shingle)))
              for d, sim in similarity.items() if sim is not None and runs["textmill"][0][d] in texts]
    if errors:
        print(f"textmill similarity vs true Jaccard of the marked pair: mean |error| {statistics.mean(errors):.4f}, "
              f"max {max(errors):.4f}")
    if "datasketch" in runs:
        ratio = figures["textmill"]["docs_per_cpu_s"] / figures["datasketch"]["docs_per_cpu_s"]
        figures["cpu_speed_ratio"] = ratio
        print(f"textmill / datasketch, documents per CPU-second: {ratio:.1f}x")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

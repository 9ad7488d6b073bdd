"""Story clustering and story summaries: `textmill stories` on the NeuS development split.

What it measures (data described in shared/data/stories/SOURCES.md: stories of three articles on
one event, each article a title and a lead of about 58 words, with a reference roundup):
  - clustering: runs the release binary as `textmill stories DATA/stories/neus_<split>_docs.jsonl
    -o target/stories/stories-<split>.jsonl` and scores its stories against the `cluster` field:
    B-cubed precision, recall and F1 (per document: the share of its predicted story that is in its
    gold story, and the reverse, averaged over documents; F1 of the two averages), pairwise P/R/F1
    over document pairs, and the number of stories predicted and gold;
  - summaries: each predicted story is mapped to the gold story most of its documents belong to;
    each gold story is scored with the mapped story that holds most of its documents (its summary
    sentences, in order), 0 when no story maps to it. ROUGE-1/2/L F1 (rouge-score, Porter
    stemmer) against `summary` of neus_<split>_mds.jsonl, averaged over gold stories; beside them
    ROUGE-Lsum with one sentence a line (split at . ! ? followed by a space), the variant that
    matches SOURCES.md's central-source figure (its "ROUGE-L 34.2"; plain ROUGE-L is about 27).
Baselines over the same gold stories, from the article texts only (titles left out):
  - central source: of the three texts, the one with the highest mean ROUGE-1 F1 against the other two;
  - oracle source: the text with the highest ROUGE-1 F1 against the reference (an upper bound for
    picking one source, not a system).
With --summaries-only the clustering is skipped: textmill.summarize_cluster(texts, titles=titles, words=--words)
of the installed Python package summarizes each gold story's three texts instead (exit 2 if
textmill cannot be imported).

Run:  python benches/eval/stories.py [DATA] [--split val|train] [--binary target/release/textmill]
      [--args "extra CLI args"] [--shuffle SEED] [--summaries-only [--words 60]] [--json out.json]
DATA defaults to ../shared/data from the repo root.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shlex
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, read_jsonl, table, write_json  # noqa: E402

METRICS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"'”’)])\s+")


# ---------------------------------------------------------------- clustering


def pairs(n: int) -> int:
    return n * (n - 1) // 2


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_scores(pred: dict[str, str], gold: dict[str, str]) -> dict:
    """B-cubed and pairwise precision, recall and F1 of pred (doc -> story) against gold (doc -> story)."""
    pred_size, gold_size = Counter(pred.values()), Counter(gold.values())
    cell = Counter((pred[d], gold[d]) for d in gold)
    bp = sum(cell[pred[d], gold[d]] / pred_size[pred[d]] for d in gold) / len(gold)
    br = sum(cell[pred[d], gold[d]] / gold_size[gold[d]] for d in gold) / len(gold)
    tp = sum(pairs(n) for n in cell.values())
    pred_pairs, gold_pairs = sum(map(pairs, pred_size.values())), sum(map(pairs, gold_size.values()))
    pp = tp / pred_pairs if pred_pairs else 1.0
    pr = tp / gold_pairs if gold_pairs else 1.0
    return {"bcubed": {"precision": bp, "recall": br, "f1": f1(bp, br)},
            "pairwise": {"precision": pp, "recall": pr, "f1": f1(pp, pr)},
            "stories": len(pred_size), "gold_stories": len(gold_size)}


def read_stories(path: Path, gold: dict[str, str]) -> tuple[list[dict], dict[str, str]]:
    """(stories, doc -> story id); a document in no story becomes a story of its own, one in two keeps its first."""
    stories, pred = read_jsonl(path), {}
    repeated = unknown = 0
    for s in stories:
        for d in s["documents"]:
            repeated += d in pred
            unknown += d not in gold
            pred.setdefault(d, s["id"])
    missing = [d for d in gold if d not in pred]
    for d in missing:
        pred[d] = f"missing:{d}"
    if repeated or unknown or missing:
        print(f"warning: {len(missing)} documents in no story, {repeated} in more than one, {unknown} unknown ids")
    return stories, {d: pred[d] for d in gold}


def mapped_summaries(stories: list[dict], gold: dict[str, str]) -> dict[str, list[str]]:
    """gold story -> summary of the predicted story mapped to it that holds most of its documents."""
    best: dict[str, tuple[int, int, list[str]]] = {}
    for s in stories:
        counts = Counter(gold[d] for d in s["documents"] if d in gold)
        if not counts:
            continue
        story, n = counts.most_common(1)[0]
        key = (n, -len(s["documents"]))  # most of the gold story's documents, then the purest
        if story not in best or key > best[story][:2]:
            best[story] = (*key, [x["text"] for x in s["summary"]])
    return {story: text for story, (_, _, text) in best.items()}


# ---------------------------------------------------------------- summaries


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def rouge(scorer, candidate: list[str], reference: str) -> dict[str, float]:
    """F1 of the candidate sentences against the reference: joined by spaces, by newlines for Lsum."""
    flat = scorer.score(reference, " ".join(candidate))
    lsum = scorer.score("\n".join(sentences(reference)), "\n".join(candidate))["rougeLsum"]
    return {**{m: flat[m].fmeasure for m in METRICS[:3]}, "rougeLsum": lsum.fmeasure}


def central(scorer, texts: list[str]) -> str:
    """The text with the highest mean ROUGE-1 F1 against the others."""
    mean = [sum(scorer.score(o, t)["rouge1"].fmeasure for j, o in enumerate(texts) if j != i)
            for i, t in enumerate(texts)]
    return texts[mean.index(max(mean))]


def oracle(scorer, texts: list[str], reference: str) -> str:
    return max(texts, key=lambda t: scorer.score(reference, t)["rouge1"].fmeasure)


def summary_row(name: str, scorer, candidates: dict[str, list[str]], mds: list[dict]) -> tuple[list, dict]:
    """Mean ROUGE x100 over all gold stories (a missing candidate scores 0) and mean words of the candidates."""
    totals = dict.fromkeys(METRICS, 0.0)
    for story in mds:
        if story["id"] in candidates:
            for m, f in rouge(scorer, candidates[story["id"]], story["summary"]).items():
                totals[m] += f
    scores = {m: 100 * totals[m] / len(mds) for m in METRICS}
    words = sum(len(" ".join(c).split()) for c in candidates.values()) / max(1, len(candidates))
    scores.update(words=words, scored=len(candidates))
    return [name] + [f"{scores[m]:.2f}" for m in METRICS] + [f"{words:.0f}", f"{len(candidates)}/{len(mds)}"], scores


# ---------------------------------------------------------------- main


def run_cli(args, docs_path: Path, out: Path) -> float:
    cmd = [str(args.binary), "stories", str(docs_path), "-o", str(out)] + shlex.split(args.args)
    out.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"error: no binary at {args.binary} (build it with cargo build --release, or give --binary)")
    if done.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
    return time.perf_counter() - t


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data",
                   help="data folder (default: ../shared/data from the repo root)")
    p.add_argument("--split", choices=["val", "train"], default="val")
    p.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "textmill")
    p.add_argument("--args", default="", help="extra arguments for `textmill stories`, one string")
    p.add_argument("--summaries-only", action="store_true",
                   help="skip the clustering; summarize the gold stories with textmill.summarize_cluster")
    p.add_argument("--words", type=int, default=60, help="word budget with --summaries-only (default 60)")
    p.add_argument("--shuffle", type=int, metavar="SEED",
                   help="give the documents in a random order (this seed) instead of the file's, where "
                        "each story's articles come together")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    args = p.parse_args()
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        sys.exit("error: rouge-score is not installed (pip install rouge-score==0.1.2)")
    scorer = rouge_scorer.RougeScorer(METRICS, use_stemmer=True)

    docs_path = args.data / "stories" / f"neus_{args.split}_docs.jsonl"
    mds = read_jsonl(args.data / "stories" / f"neus_{args.split}_mds.jsonl")
    figures, rows = {"split": args.split}, []
    if args.summaries_only:
        try:
            import textmill
        except ImportError as e:
            print(f"error: cannot import textmill ({e}); --summaries-only needs the Python package", file=sys.stderr)
            sys.exit(2)
        candidates = {s["id"]: [x.text for x in textmill.summarize_cluster([d["text"] for d in s["docs"]],
                                                                           titles=[d["title"] for d in s["docs"]],
                                                                           words=args.words)] for s in mds}
        name = f"textmill summarize_cluster, gold stories, {args.words} words"
    else:
        records = read_jsonl(docs_path)
        gold = {r["id"]: r["cluster"] for r in records}
        if args.shuffle is not None:
            random.Random(args.shuffle).shuffle(records)
            docs_path = REPO / "target" / "stories" / f"neus_{args.split}_docs.shuffled-{args.shuffle}.jsonl"
            docs_path.parent.mkdir(parents=True, exist_ok=True)
            docs_path.write_text("".join(json.dumps(r) + "\n" for r in records))
        out = REPO / "target" / "stories" / f"stories-{args.split}.jsonl"
        seconds = run_cli(args, docs_path, out)
        stories, pred = read_stories(out, gold)
        c = cluster_scores(pred, gold)
        figures["clustering"] = {**c, "seconds": seconds}
        command = " ".join([docs_path.name] + shlex.split(args.args))
        print(f"textmill stories {command}: {len(gold)} documents in {seconds:.2f} s "
              f"({len(gold) / seconds:.0f} docs/s); {c['stories']} stories predicted, {c['gold_stories']} gold\n")
        print(table(["clustering", "P", "R", "F1"],
                    [[k] + [f"{c[k][m]:.4f}" for m in ("precision", "recall", "f1")] for k in ("bcubed", "pairwise")]))
        print()
        candidates = mapped_summaries(stories, gold)
        name = "textmill stories (CLI)"
    for label, cands in [
        (name, candidates),
        ("central source (text)", {s["id"]: sentences(central(scorer, [d["text"] for d in s["docs"]])) for s in mds}),
        ("oracle source (max R1)",
         {s["id"]: sentences(oracle(scorer, [d["text"] for d in s["docs"]], s["summary"])) for s in mds}),
    ]:
        row, figures[label] = summary_row(label, scorer, cands, mds)
        rows.append(row)
    print(f"Summaries: ROUGE F1 x100 against the NeuS reference, mean over the {len(mds)} gold stories "
          "(0 for a story without a summary)\n")
    print(table(["system", "R1", "R2", "RL", "RLsum", "words", "stories"], rows))
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

"""Trains the plain-text line model (data/line_model.txt) on the plain-text development set.

Every line of every record of plaintext_dev.jsonl (ScrapingHub's 121 dev pages, each rendered
whole to text by inscriptis and by a naive "glued" scraper) gets the features of
src/text/line_model.rs (through the example `line_features`, which runs the rules) and the
record's own label (a line is article text when at least half of its tokens are the body's or
the headline's). Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, fixed
seed, no early stopping) are fitted with sample weights that serve both figures the harness
reports: half of each record's weight shared by its lines by their tokens (the shingle F1 is a
macro mean over pages), half one per line (the line F1 is micro over lines). The rules' choice is
a feature and the decision leans on it: a line the rules keep goes only under DROP, a line they
drop comes back only over ADD; the headline, the dek and lines past reader comments are never
added.

The figure that decides is cross-validated by page, with the folds of
`benches/eval/boilerplate.py --kfold` (page ids sorted, page i in fold i mod K, both renderings
of a page in one fold): the trees fitted on the other folds clean each fold through the crate
itself, and the harness's line F1 and shingle F1 are computed on the output. A nested line also
chooses ADD and DROP on the other folds only. The shipped trees are fitted on all records.

Run (from the repository root): `make line-model`, or with a venv that has numpy and scikit-learn
  cargo build --release -p textmill-boilerplate --example line_features
  python crates/textmill-boilerplate/data/train_line_model.py [DATA] [--folds 4] [--write]
DATA defaults to ../shared/data/boilerplate. Nothing is written without --write.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benches" / "eval"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from boilerplate import kept_lines, line_prf  # noqa: E402
from common import macro, page_score, read_jsonl, words  # noqa: E402
from train_block_model import trees_text  # noqa: E402

EXAMPLE = REPO / "target" / "release" / "examples" / "line_features"
NEVER_ADDED = ("title", "dek", "past_end")  # as in src/text/line_model.rs
MODEL_FILE = Path(__file__).resolve().parent / "line_model.txt"
PARAMS = {"max_iter": 60, "learning_rate": 0.15, "max_leaf_nodes": 15, "max_depth": 5,
          "min_samples_leaf": 40, "early_stopping": False, "random_state": 0}


def run_example(records: list[dict], model: Path | None = None) -> tuple[list[str], list[dict]]:
    """Runs the example over the records (with the line model in `model`, else the shipped one):
    the feature names, and per record its lines [(text, features)], clean text and title."""
    lines = "".join(json.dumps({"id": n, "text": r["text"]}) + "\n" for n, r in enumerate(records))
    command = [str(EXAMPLE)] + (["--model", str(model)] if model else [])
    out = subprocess.run(command, input=lines.encode(), capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()
    names = json.loads(rows[0])["features"]
    results = [json.loads(row) for row in rows[1:]]
    assert len(results) == len(records)
    return names, results


def output_of(result: dict) -> str:
    """The crate's output as the harness scores it: the headline on top of the text."""
    title = result["title"]
    return (title + "\n" if title else "") + result["text"]


def figures(records: list[dict], outputs: list[str]) -> dict:
    """The harness's line F1 (micro over lines) and shingle F1 (macro over records)."""
    pairs, scores = [], []
    for r, output in zip(records, outputs, strict=True):
        kept, _ = kept_lines(r["lines"], output)
        pairs.extend(zip(kept, r["labels"]))
        scores.append(page_score(output, r["title"] + "\n" + r["gt_body"]))
    m = macro(scores)
    return {"line_f1": line_prf(pairs)["f1"], "shingle_f1": m["f1"], "shingle_p": m["precision"],
            "shingle_r": m["recall"]}


def sample_weights(record: dict, average_lines: float) -> np.ndarray:
    """Half of the record's weight shared by its lines by their tokens (the shingle F1 is a macro
    mean over records), half one per line, scaled by the mean number of lines a record has (the
    line F1 is micro over lines)."""
    toks = np.array([max(1, len(words(t))) for t in record["lines"]], dtype=float)
    return 0.5 * toks / toks.sum() + 0.5 / average_lines


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray):
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(**PARAMS).fit(x, y, sample_weight=w)


def decide(x: np.ndarray, p: np.ndarray, names: list[str], add: float, drop: float) -> np.ndarray:
    """As the crate decides (src/trees.rs, src/text/line_model.rs)."""
    rules = x[:, names.index("rules_keep")] > 0.5
    never = (x[:, [names.index(f) for f in NEVER_ADDED]] > 0.5).any(axis=1)
    keep = np.where(rules, p >= drop, (p >= add) & ~never)
    return keep if keep.any() or not rules.any() else rules


def simulated(result: dict, keep: np.ndarray) -> str:
    """The output the crate would give with these lines kept (for choosing the thresholds)."""
    title = result["title"]
    kept = [t for (t, _), k in zip(result["lines"], keep) if k]
    return "\n".join(([title] if title else []) + kept)


def trafilatura_texts(data: Path) -> list[dict]:
    """trafilatura's evaluation set (990 pages of many kinds and languages, never used to train
    the line model) rendered whole to text as plaintext_dev.jsonl's "inscriptis" records are:
    inscriptis' get_text, whitespace runs collapsed per line, lines without a \\w token dropped."""
    import gzip
    import re
    from inscriptis import get_text
    root = data / "trafilatura_eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    out = []
    for url in sorted(gold):
        with gzip.open(root / "pages" / (gold[url]["file"] + ".gz"), "rb") as f:
            raw = f.read()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw.decode("cp1252", errors="replace")
        lines = [" ".join(l.split()) for l in get_text(html).splitlines()]
        out.append({"text": "\n".join(l for l in lines if re.search(r"\w", l)),
                    "with": [" ".join(s.split()) for s in gold[url]["with"]],
                    "without": [" ".join(s.split()) for s in gold[url]["without"]]})
    return out


def snippet_figures(pages: list[dict], outputs: list[str]) -> dict:
    """trafilatura's own metric: `with` snippets found are true positives, `without` ones found
    are false positives (micro over pages)."""
    tp = fn = fp = 0
    for page, output in zip(pages, outputs, strict=True):
        t = " ".join(output.split())
        found = sum(s in t for s in page["with"])
        tp, fn = tp + found, fn + len(page["with"]) - found
        fp += sum(s in t for s in page["without"])
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"f1": 2 * p * r / max(1e-9, p + r), "p": p, "r": r}


def write_model(path: Path, model, names: list[str], add: float, drop: float, lines: int,
                records: int) -> None:
    text = [
        "# The plain-text line model (src/text/line_model.rs): gradient-boosted trees over the",
        "# features named there, written by data/train_line_model.py from the plain-text renderings",
        "# of ScrapingHub's dev pages (labels from their gold; the pages are not shipped).",
        f"# {lines} lines of {records} records; {PARAMS}.",
        "[decision]",
        f"baseline {float(np.ravel(model._baseline_prediction)[0])!r}",
        f"add {add}",
        f"drop {drop}",
        "",
        "[trees]",
        *trees_text(model, names),
    ]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "boilerplate")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--add", type=float, default=0.7, help="a line the rules drop comes back at this probability")
    ap.add_argument("--drop", type=float, default=0.3, help="a line the rules keep goes under this probability")
    ap.add_argument("--write", action="store_true", help="write data/line_model.txt")
    ap.add_argument("--trafilatura-set", action="store_true",
                    help="also score the rules and the shipped model on trafilatura's set rendered to text")
    args = ap.parse_args()

    records = read_jsonl(args.data / "plaintext_dev.jsonl")
    # The rules alone: a model whose every line keeps the rules' choice.
    work = Path(tempfile.mkdtemp(prefix="line-model-"))
    rules_only = work / "rules.txt"
    rules_only.write_text("[decision]\nbaseline 0\nadd 1\ndrop 0\n[trees]\n0 0 leaf 0\n")
    names, results = run_example(records, rules_only)
    average_lines = float(np.mean([len(r["lines"]) for r in records]))
    xs, ys, ws = [], [], []
    for r, res in zip(records, results):
        # The crate's lines are the record's (both drop blank lines and trim).
        assert len(res["lines"]) == len(r["lines"]), r["id"]
        res["lines"] = [(l["text"], l["features"]) for l in res["lines"]]
        xs.append(np.array([f for _, f in res["lines"]], dtype=float).reshape(-1, len(names)))
        ys.append(np.array(r["labels"], dtype=float))
        ws.append(sample_weights(r, average_lines))
    ids = sorted({r["id"] for r in records})
    fold_of_id = {i: n % args.folds for n, i in enumerate(ids)}
    fold = np.array([fold_of_id[r["id"]] for r in records])
    print(f"{len(records)} records, {sum(len(y) for y in ys)} lines ({int(sum(y.sum() for y in ys))} article); "
          f"{args.folds}-fold by page")

    def show(name: str, f: dict) -> None:
        print(f"  {name:44s} line F1 {f['line_f1']:.4f}  shingle F1 {f['shingle_f1']:.4f} "
              f"(P {f['shingle_p']:.4f} R {f['shingle_r']:.4f})")

    show("rules", figures(records, [output_of(res) for res in results]))
    held = [None] * len(records)
    crate_out = [None] * len(records)
    for k in range(args.folds):
        train = [n for n in range(len(records)) if fold[n] != k]
        model = fit(np.concatenate([xs[n] for n in train]), np.concatenate([ys[n] for n in train]),
                    np.concatenate([ws[n] for n in train]))
        test = [n for n in range(len(records)) if fold[n] == k]
        for n in test:
            held[n] = model.predict_proba(xs[n])[:, 1]
        path = work / f"fold{k}.txt"
        write_model(path, model, names, args.add, args.drop, 0, 0)
        _, out = run_example([records[n] for n in test], path)
        for n, res in zip(test, out):
            crate_out[n] = output_of(res)

    def outputs_at(add: float, drop: float, which) -> list[str]:
        return [simulated(results[n], decide(xs[n], held[n], names, add, drop)) for n in which]

    every = range(len(records))
    show(f"model, held out (add {args.add}, drop {args.drop})",
         figures(records, outputs_at(args.add, args.drop, every)))
    crate = figures(records, crate_out)
    show("the crate with held-out trees", crate)
    per_fold = [figures([records[n] for n in every if fold[n] == k], [crate_out[n] for n in every if fold[n] == k])
                for k in range(args.folds)]
    print("  per fold (crate): " + ", ".join(f"{f['line_f1']:.3f}/{f['shingle_f1']:.3f}" for f in per_fold)
          + f"; mean line F1 {np.mean([f['line_f1'] for f in per_fold]):.4f}"
          + f", shingle F1 {np.mean([f['shingle_f1'] for f in per_fold]):.4f}")
    grid = [(a, d) for a in (0.5, 0.6, 0.7, 0.8, 0.9) for d in (0.1, 0.2, 0.3, 0.4, 0.5)]
    nested, chosen = [None] * len(records), []
    for k in range(args.folds):
        others = [n for n in every if fold[n] != k]

        def score(ad):
            f = figures([records[n] for n in others], outputs_at(*ad, others))
            return f["line_f1"] + f["shingle_f1"]

        a, d = max(grid, key=score)
        chosen.append(f"{a}/{d}")
        inside = [n for n in every if fold[n] == k]
        for n, o in zip(inside, outputs_at(a, d, inside)):
            nested[n] = o
    show(f"model, thresholds nested ({', '.join(chosen)})", figures(records, nested))
    per_fold = [figures([records[n] for n in every if fold[n] == k], [nested[n] for n in every if fold[n] == k])
                for k in range(args.folds)]
    print(f"  per fold (nested): mean line F1 {np.mean([f['line_f1'] for f in per_fold]):.4f}"
          + f", shingle F1 {np.mean([f['shingle_f1'] for f in per_fold]):.4f}")

    if args.trafilatura_set:
        pages = trafilatura_texts(args.data)
        print(f"trafilatura's set rendered to text by inscriptis ({len(pages)} pages, not trained on), "
              "snippet F1 (P, R):")
        for name, model in (("rules", rules_only), ("the shipped line model", None)):
            f = snippet_figures(pages, [output_of(res) for res in run_example(pages, model)[1]])
            print(f"  {name:44s} F1 {f['f1']:.4f} (P {f['p']:.4f} R {f['r']:.4f})")

    if args.write:
        model = fit(np.concatenate(xs), np.concatenate(ys), np.concatenate(ws))
        write_model(MODEL_FILE, model, names, args.add, args.drop, sum(len(y) for y in ys), len(records))
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()

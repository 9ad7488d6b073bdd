"""Trains the HTML block model (data/block_model.txt) on both development benchmarks.

Every block of every page gets the features of src/html/block_model.rs (through the example
`block_features`, which runs the rules' three readings) and, where the gold says, a label:
  - ScrapingHub dev (121 pages, the article body as text): a block is article text when at least
    half of its 4-token shingles are in the gold body's (a block of 1-3 tokens: when its tokens
    occur in that order in the body); every block is labelled.
  - trafilatura's evaluation set (990 pages, `with` and `without` snippets): a block holding a
    `with` snippet is article text, one holding a `without` snippet is not; other blocks are not
    labelled.
Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, fixed seed, no early
stopping: the same data give the same trees) are fitted with sample weights that make each
benchmark count the same and each ScrapingHub page count by its length. The rules' choice is a
feature, and the decision leans on it: a block the rules keep goes only when the model gives it
less than DROP, a block they drop comes back only above ADD.

The figure that decides is cross-validated by site: pages go into K folds by their host, the
trees are fitted on the other folds, and each benchmark's own metric is computed on the held-out
fold's kept blocks (the text assembled as the crate assembles it: blocks joined by blank lines).
A nested line also chooses ADD and DROP on the other folds only. The shipped trees are fitted
on all pages.

Run (from the repository root): `make block-model`, or with a venv that has numpy and scikit-learn
  cargo build --release -p textmill-boilerplate --example block_features
  python crates/textmill-boilerplate/data/train_block_model.py [DATA] [--folds 5] [--write]
DATA defaults to ../shared/data/boilerplate. Nothing is written without --write.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tempfile
import sys
import zlib
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benches" / "eval"))
from boilerplate import meta_right  # noqa: E402
from common import macro, page_score, words  # noqa: E402

EXAMPLE = REPO / "target" / "release" / "examples" / "block_features"
NAMES: list[str] = []  # the features, as the example names them
NEVER_ADDED = ("gallery", "teaser", "after_comments")  # as in src/html/block_model.rs
MODEL_FILE = Path(__file__).resolve().parent / "block_model.txt"


def ws(s: str | None) -> str:
    return " ".join((s or "").split())


def host(url: str) -> str:
    h = urlparse(url).netloc.lower()
    return h[4:] if h.startswith("www.") else h


def load_pages(data: Path) -> list[dict]:
    """Every page of both benchmarks: id, set, host, html and its gold."""
    pages = []
    truth = json.loads((data / "scrapinghub_dev_ground_truth.json").read_text(encoding="utf-8"))
    for pid in sorted(truth):
        with gzip.open(data / "scrapinghub_dev_html" / f"{pid}.html.gz", "rt", encoding="utf-8") as f:
            html = f.read()
        pages.append({"id": f"sh/{pid}", "set": "scrapinghub", "host": host(truth[pid]["url"]),
                      "html": html.encode("utf-8"), "body": truth[pid].get("articleBody", "")})
    root = data / "trafilatura_eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url in sorted(gold):
        g = gold[url]
        with gzip.open(root / "pages" / (g["file"] + ".gz"), "rb") as f:
            raw = f.read()
        pages.append({"id": f"tr/{url}", "set": "trafilatura", "host": host(url), "html": raw,
                      "with": [ws(s) for s in g["with"]], "without": [ws(s) for s in g["without"]],
                      "meta": {k: g.get(k) for k in ("title", "author", "date")} if "title" in g else None})
    return pages


def run_example(pages: list[dict], model: Path | None = None) -> tuple[list[str], dict[str, dict]]:
    """Runs the example over the pages (with the block model in `model`, else the shipped one):
    the feature names, and per page id its blocks [(text, features)], clean text and metadata."""
    # The page's bytes as a JSON string of the characters U+0000-U+00FF (latin-1), which the
    # example turns back into the same bytes.
    lines = "".join(json.dumps({"id": p["id"], "html": p["html"].decode("latin-1")}) + "\n"
                    for p in pages)
    command = [str(EXAMPLE)] + (["--model", str(model)] if model else [])
    out = subprocess.run(command, input=lines.encode(), capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()
    names = json.loads(rows[0])["features"]
    results = {}
    for page, row in zip(pages, rows[1:], strict=True):
        row = json.loads(row)
        assert row["id"] == page["id"]
        row["blocks"] = [(b["text"], b["features"]) for b in row["blocks"]]
        results[page["id"]] = row
    return names, results


def crate_scores(pages: list[dict], results: dict[str, dict]) -> dict:
    """Both benchmarks' metrics on the crate's own output: the text, and on trafilatura's set the
    title, date and author."""
    s = scores(pages, {p["id"]: results[p["id"]]["text"] for p in pages})
    right, meta_pages = {"title": 0, "date": 0, "author": 0}, 0
    for p in pages:
        if p["set"] == "trafilatura" and p["meta"] is not None:
            r = results[p["id"]]
            pred = {"title": r["title"], "date": r["date"], "author": "; ".join(r["authors"] or [])}
            meta_pages += 1
            for field in right:
                right[field] += meta_right(field, p["meta"][field], pred[field])
    return {**s, **{k: v / max(1, meta_pages) for k, v in right.items()}}


def in_order(needle: list[str], hay: str) -> bool:
    return " " + " ".join(needle) + " " in hay


def label(page: dict) -> list[float | None]:
    """1 (article), 0 (not) or None (unknown) per block."""
    if page["set"] == "scrapinghub":
        body = words(page["body"])
        gold = {tuple(body[i:i + 4]) for i in range(len(body) - 3)}
        body_line = " " + " ".join(body) + " "
        labels = []
        for text, _ in page["blocks"]:
            toks = words(text)
            if len(toks) < 4:
                labels.append(float(bool(toks) and in_order(toks, body_line)))
            else:
                sh = [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]
                labels.append(float(sum(s in gold for s in sh) >= 0.5 * len(sh)))
        return labels
    labels = []
    for text, _ in page["blocks"]:
        t = ws(text)
        if any(s and s in t for s in page["with"]):
            labels.append(1.0)
        elif any(s and s in t for s in page["without"]):
            labels.append(0.0)
        else:
            labels.append(None)
    return labels


def sample_weights(page: dict, labels: list) -> list[float]:
    """ScrapingHub: each page weighs 1, shared by its blocks by their tokens (the metric is a
    macro mean of shingle scores); trafilatura's set: each labelled block weighs 1 (the metric
    counts snippets)."""
    if page["set"] == "scrapinghub":
        toks = [max(1, len(words(t))) for t, _ in page["blocks"]]
        total = sum(toks)
        return [n / total for n in toks]
    return [1.0 if l is not None else 0.0 for l in labels]


PARAMS = {"max_iter": 50, "learning_rate": 0.2, "max_leaf_nodes": 15, "max_depth": 5,
          "min_samples_leaf": 40, "early_stopping": False, "random_state": 0}


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray):
    from sklearn.ensemble import HistGradientBoostingClassifier
    return HistGradientBoostingClassifier(**PARAMS).fit(x, y, sample_weight=w)


def probabilities(model, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, 1] if len(x) else np.zeros(0)


def decide(x: np.ndarray, p: np.ndarray, add: float, drop: float) -> np.ndarray:
    """As the crate decides: the rules' choice stands unless the model is sure, and a block in
    a gallery, a teaser or a block past reader comments is never added."""
    if not len(x):
        return np.zeros(0, bool)
    rules = x[:, NAMES.index("rules_keep")] > 0.5
    never = (x[:, [NAMES.index(f) for f in NEVER_ADDED]] > 0.5).any(axis=1)
    return np.where(rules, p >= drop, (p >= add) & ~never)


def trees_text(model, names: list[str]) -> list[str]:
    """The trees as lines `tree node split FEATURE THRESHOLD LEFT RIGHT` and `tree node leaf VALUE`
    (a sample goes left when its feature is at most the threshold)."""
    lines = []
    for t, (predictor,) in enumerate(model._predictors):
        for n, node in enumerate(predictor.nodes):
            if node["is_leaf"]:
                lines.append(f"{t} {n} leaf {node['value']:.9g}")
            else:
                lines.append(f"{t} {n} split {names[node['feature_idx']]} {float(node['num_threshold'])!r} "
                             f"{node['left']} {node['right']}")
    return lines


def scores(pages: list[dict], keeps: dict[str, np.ndarray | str]) -> dict:
    """Each benchmark's own metric on the text of the kept blocks (or the text itself)."""
    sh, tp, fp, fn = [], 0, 0, 0
    for page in pages:
        keep = keeps[page["id"]]
        text = keep if isinstance(keep, str) else "\n\n".join(
            t for (t, _), k in zip(page["blocks"], keep) if k)
        if page["set"] == "scrapinghub":
            sh.append(page_score(text, page["body"]))
        else:
            t = ws(text)
            found = [s in t for s in page["with"]]
            tp += sum(found)
            fn += len(found) - sum(found)
            fp += sum(s in t for s in page["without"])
    m = macro(sh)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"sh_f1": m["f1"], "sh_p": m["precision"], "sh_r": m["recall"],
            "tr_f1": 2 * p * r / max(1e-9, p + r), "tr_p": p, "tr_r": r}



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "boilerplate")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--splits", type=int, default=1, choices=range(1, 9),
                    help="assignments of hosts to folds to average over")
    ap.add_argument("--add", type=float, default=0.6, help="a block the rules drop comes back at this probability")
    ap.add_argument("--drop", type=float, default=0.5, help="a block the rules keep goes under this probability")
    ap.add_argument("--balance", type=float, default=1.0,
                    help="weight of trafilatura's set against ScrapingHub's (1: the same in total)")
    ap.add_argument("--write", action="store_true", help="write data/block_model.txt")
    ap.add_argument("--dump", type=Path, help="pickle the pages with features and labels here, and stop")
    args = ap.parse_args()

    pages = load_pages(args.data)
    names, results = run_example(pages)
    NAMES[:] = names
    for page in pages:
        page["blocks"] = results[page["id"]]["blocks"]
    rules = names.index("rules_keep")
    xs, ys, ws_, owner = [], [], [], []
    for n, page in enumerate(pages):
        labels = label(page)
        weights = sample_weights(page, labels)
        page["x"] = np.array([f for _, f in page["blocks"]], dtype=float).reshape(-1, len(names))
        for (_, f), l, w in zip(page["blocks"], labels, weights):
            if l is not None and w > 0:
                xs.append(f), ys.append(l), ws_.append(w), owner.append(n)
    x, y, w, owner = np.array(xs), np.array(ys), np.array(ws_), np.array(owner, dtype=int)
    if args.dump:
        import pickle
        for p in pages:
            p["labels"] = label(p)
            del p["html"]
        args.dump.write_bytes(pickle.dumps({"names": names, "pages": pages}))
        print(f"wrote {args.dump}")
        return  # the pages no longer hold their HTML, which the cross-validation reads
    is_sh = np.array([pages[o]["set"] == "scrapinghub" for o in owner])
    w[is_sh] /= w[is_sh].sum()
    w[~is_sh] *= args.balance / w[~is_sh].sum()
    w *= len(w) / w.sum()
    print(f"{len(pages)} pages, {sum(len(p['blocks']) for p in pages)} blocks, {len(y)} labelled "
          f"({int(y.sum())} article); ScrapingHub {is_sh.sum()}, trafilatura's set {(~is_sh).sum()}")

    rules_keeps = {p["id"]: p["x"][:, rules] > 0.5 for p in pages}
    print(f"{args.folds}-fold by host, {args.splits} assignment(s) of hosts to folds:")
    line(pages, "rules", rules_keeps)
    figures = [cross_validate(pages, x, y, w, owner, names, args, salt) for salt in SALTS[:args.splits]]
    if args.splits > 1:
        mean = {k: float(np.mean([f[k] for f in figures])) for k in figures[0]}
        print(f"  {'the crate, mean of the splits':34s} " + crate_line(mean))

    model = fit(x, y, w)
    s = scores(pages, {p["id"]: decide(p["x"], probabilities(model, p["x"]), args.add, args.drop)
                       for p in pages})
    print(f"  {'model, all pages (in-sample)':34s} ScrapingHub F1 {s['sh_f1']:.4f}  trafilatura's set F1 {s['tr_f1']:.4f}")
    if args.write:
        write_model(MODEL_FILE, model, names, args, len(y), len(pages))
        print(f"wrote {MODEL_FILE}")


SALTS = ["", "a", "b", "c", "d", "e", "f", "g"]


def line(pages: list[dict], name: str, keeps: dict) -> None:
    s = scores(pages, keeps)
    print(f"  {name:34s} ScrapingHub F1 {s['sh_f1']:.4f} (P {s['sh_p']:.4f} R {s['sh_r']:.4f})  "
          f"trafilatura's set F1 {s['tr_f1']:.4f} (P {s['tr_p']:.4f} R {s['tr_r']:.4f})")


def crate_line(s: dict) -> str:
    return (f"ScrapingHub F1 {s['sh_f1']:.4f} (P {s['sh_p']:.4f} R {s['sh_r']:.4f})  "
            f"trafilatura's set F1 {s['tr_f1']:.4f} (P {s['tr_p']:.4f} R {s['tr_r']:.4f}); "
            f"title {s['title']:.3f} date {s['date']:.3f} author {s['author']:.3f}")


def cross_validate(pages, x, y, w, owner, names, args, salt: str) -> dict:
    """K folds by host (the host's hash, salted to give another assignment): the trees fitted
    on the other folds decide each fold, in Python and through the crate itself; returns the
    crate's figures."""
    fold_of_page = np.array([zlib.crc32((p["host"] + salt).encode()) % args.folds for p in pages])
    fold = fold_of_page[owner]
    held_out, crate_out = {}, {}
    work = Path(tempfile.mkdtemp(prefix="block-model-"))
    for k in range(args.folds):
        model = fit(x[fold != k], y[fold != k], w[fold != k])
        fold_pages = [p for n, p in enumerate(pages) if fold_of_page[n] == k]
        for page in fold_pages:
            held_out[page["id"]] = probabilities(model, page["x"])
        # The held-out pages through the crate itself, with this fold's trees.
        write_model(work / f"fold{k}.txt", model, names, args, len(y), len(pages) - len(fold_pages))
        crate_out.update(run_example(fold_pages, work / f"fold{k}.txt")[1])

    def keeps_at(add: float, drop: float, which=None) -> dict:
        return {p["id"]: decide(p["x"], held_out[p["id"]], add, drop)
                for n, p in enumerate(pages) if which is None or which[n]}

    print(f" split {salt or 'default'}:")
    line(pages, f"model, held out (add {args.add}, drop {args.drop})", keeps_at(args.add, args.drop))
    # Nested: the thresholds chosen on the other folds (mean of the two F1s), scored on the fold.
    grid = [(a, d) for a in (0.5, 0.6, 0.7, 0.8) for d in (0.2, 0.3, 0.4, 0.5)]
    nested, chosen = {}, []
    for k in range(args.folds):
        others = fold_of_page != k

        def mean_f1(a, d):
            s = scores([p for n, p in enumerate(pages) if others[n]], keeps_at(a, d, others))
            return (s["sh_f1"] + s["tr_f1"]) / 2

        a, d = max(grid, key=lambda ad: mean_f1(*ad))
        chosen.append(f"{a}/{d}")
        nested.update(keeps_at(a, d, fold_of_page == k))
    line(pages, f"model, thresholds nested ({', '.join(chosen)})", nested)
    s = crate_scores(pages, crate_out)
    print(f"  {'the crate with held-out trees':34s} " + crate_line(s))
    return s


def write_model(path: Path, model, names: list[str], args, labelled: int, pages: int) -> None:
    lines = [
        "# The HTML block model (src/html/block_model.rs): gradient-boosted trees over the features",
        "# named there, written by data/train_block_model.py from ScrapingHub's dev pages and",
        "# trafilatura's evaluation set (labels derived from their gold; the pages are not shipped).",
        f"# {labelled} labelled blocks of {pages} pages; {PARAMS}.",
        "[decision]",
        f"baseline {float(np.ravel(model._baseline_prediction)[0])!r}",
        f"add {args.add}",
        f"drop {args.drop}",
        "",
        "[trees]",
        *trees_text(model, names),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

if __name__ == "__main__":
    main()

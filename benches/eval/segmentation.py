"""Sentence and token segmentation quality: textmill side by side with its peers.

What it measures (definitions in shared/data/segmentation/SOURCES.md):
  - Golden Rules (golden_rules_en.jsonl), per set pysbd_grs_en_48 and pragmatic_segmenter_grs_en,
    and the news edge cases (news_edge_cases_en.jsonl): number of cases whose list of stripped
    sentences equals the expected list exactly.
  - UD English EWT test and dev (ewt_*.jsonl), each system run on the whole document text:
    sentence-boundary P/R/F1, micro over all documents. A boundary is the start of every sentence
    but the first of its document; a predicted start is taken after leading whitespace. `all`
    counts every boundary, `intra_par` leaves out paragraph starts (given away by the blank line).
  - Token F1 on EWT test (and dev in the JSON): exact (start, end) match with the gold tokens,
    whitespace tokens left out; only for systems with a tokenizer (textmill, spaCy).
Peers that return strings are mapped to offsets by searching forward in the text.
--per-paragraph runs every system on each gold paragraph instead (the setting of the spaCy parser
figure quoted in the issues: run on whole documents, the parser often runs a sentence on across the
blank line between paragraphs).

Run:  .venv-bench/bin/python benches/eval/segmentation.py [DATA] [--systems pysbd,spacy,...]
      [--json out.json] [--show-failures]
DATA defaults to ../shared/data/segmentation from the repo root.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (chosen_systems, import_textmill, load_spacy_model, locate, parser, read_jsonl,  # noqa: E402
                    table, write_json)

SYSTEMS = ["textmill", "pysbd", "spacy", "spacy-sentencizer", "blingfire", "sentencex"]


def make_system(name: str, textmill):
    """(sentences(text) -> [(start, end)], tokens(text) -> [(start, end)] or None)."""
    if name == "textmill":
        return (lambda t: [(s.start, s.end) for s in textmill.sentences(t)],
                lambda t: [(k.start, k.end) for k in textmill.tokens(t) if not k.text.isspace()])
    if name == "pysbd":
        import pysbd
        seg = pysbd.Segmenter(language="en", clean=False)
        return lambda t: locate(seg.segment(t), t), None
    if name == "spacy":
        nlp = load_spacy_model()
        return (lambda t: [(s.start_char, s.end_char) for s in nlp(t).sents],
                lambda t: [(k.idx, k.idx + len(k.text)) for k in nlp.tokenizer(t) if not k.text.isspace()])
    if name == "spacy-sentencizer":
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return lambda t: [(s.start_char, s.end_char) for s in nlp(t).sents], None
    if name == "blingfire":
        import blingfire
        return lambda t: locate(blingfire.text_to_sentences(t).split("\n"), t), None
    if name == "sentencex":
        import sentencex
        return lambda t: locate(list(sentencex.segment("en", t)), t), None
    raise ValueError(name)


def exact_cases(records: list[dict], sents) -> list[str]:
    """Ids of the cases whose stripped sentence list differs from the expected one."""
    failed = []
    for r in records:
        got = [r["text"][s:e].strip() for s, e in sents(r["text"])]
        if [g for g in got if g] != [x.strip() for x in r["expected"]]:
            failed.append(r["id"])
    return failed


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def run_doc(fn, d: dict, per_paragraph: bool) -> list:
    """fn on the whole document text, or on each gold paragraph with its spans shifted back."""
    if not per_paragraph:
        return fn(d["text"])
    return [(p + s, p + e) for p, q in d["paragraphs"] for s, e in fn(d["text"][p:q])]


def boundaries(docs: list[dict], sents, per_paragraph: bool = False) -> dict:
    """Micro boundary P/R/F1 over the documents, `all` and `intra_par`."""
    counts = {"all": [0, 0, 0], "intra_par": [0, 0, 0]}
    for d in docs:
        text = d["text"]
        gold = {s for s, _ in d["sentences"][1:]}
        starts = []
        for s, e in run_doc(sents, d, per_paragraph):
            while s < e and text[s].isspace():
                s += 1
            if s < e:
                starts.append(s)
        pred = set(sorted(starts)[1:])
        par_starts = {s for s, _ in d["paragraphs"]}
        for key, g, p in (("all", gold, pred), ("intra_par", gold - par_starts, pred - par_starts)):
            c = counts[key]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    return {k: prf(*c) for k, c in counts.items()}


def token_f1(docs: list[dict], toks, per_paragraph: bool = False) -> dict:
    tp = fp = fn = 0
    for d in docs:
        gold = {tuple(t) for t in d["tokens"]}
        pred = set(run_doc(toks, d, per_paragraph))
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    return prf(tp, fp, fn)


def main(argv=None) -> None:
    ap = parser(__doc__, "segmentation", SYSTEMS)
    ap.add_argument("--show-failures", action="store_true",
                    help="list the failing Golden Rules and news ids of textmill (of every system run if textmill is not)")
    ap.add_argument("--per-paragraph", action="store_true",
                    help="EWT: run every system on each gold paragraph instead of the whole document")
    args = ap.parse_args(argv)
    systems = chosen_systems(args.systems, SYSTEMS)
    textmill = import_textmill(systems)

    golden = read_jsonl(args.data / "golden_rules_en.jsonl")
    sets = {"pysbd": [r for r in golden if r["set"] == "pysbd_grs_en_48"],
            "pragmatic": [r for r in golden if r["set"] == "pragmatic_segmenter_grs_en"]}
    news = read_jsonl(args.data / "news_edge_cases_en.jsonl")
    ewt = {split: read_jsonl(args.data / f"ewt_{split}.jsonl") for split in ("test", "dev")}

    figures, rows = {}, []
    for name in systems:
        t0 = time.perf_counter()
        sents, toks = make_system(name, textmill)
        f = {"failures": {"golden_pysbd": exact_cases(sets["pysbd"], sents),
                          "golden_pragmatic": exact_cases(sets["pragmatic"], sents),
                          "news": exact_cases(news, sents)}}
        f["golden_pysbd"] = len(sets["pysbd"]) - len(f["failures"]["golden_pysbd"])
        f["golden_pragmatic"] = len(sets["pragmatic"]) - len(f["failures"]["golden_pragmatic"])
        f["news"] = len(news) - len(f["failures"]["news"])
        for split, docs in ewt.items():
            f[f"ewt_{split}_sentences"] = boundaries(docs, sents, args.per_paragraph)
            if toks:
                f[f"ewt_{split}_tokens"] = token_f1(docs, toks, args.per_paragraph)
        f["seconds"] = round(time.perf_counter() - t0, 2)
        figures[name] = f
        pct = lambda x: f"{100 * x:.1f}"
        rows.append([name, f"{f['golden_pysbd']}/{len(sets['pysbd'])}",
                     f"{f['golden_pragmatic']}/{len(sets['pragmatic'])}", f"{f['news']}/{len(news)}",
                     pct(f["ewt_test_sentences"]["all"]["f1"]), pct(f["ewt_test_sentences"]["intra_par"]["f1"]),
                     pct(f["ewt_dev_sentences"]["all"]["f1"]),
                     pct(f["ewt_test_tokens"]["f1"]) if toks else "-"])
        print(f"  {name}: {f['seconds']} s", file=sys.stderr)

    print(table(["system", "GR-pysbd", "GR-pragmatic", "news", "EWT-test F1 all", "EWT-test F1 intra_par",
                 "EWT-dev F1 all", "token F1 test"], rows))
    print(f"\nEWT sentence boundaries, P / R / F1 (%), systems run on "
          f"{'each paragraph' if args.per_paragraph else 'the whole document'}:")
    detail = []
    for name, f in figures.items():
        for split in ("test", "dev"):
            for key in ("all", "intra_par"):
                m = f[f"ewt_{split}_sentences"][key]
                detail.append([name, split, key, f"{100 * m['p']:.1f}", f"{100 * m['r']:.1f}", f"{100 * m['f1']:.1f}"])
    print(table(["system", "split", "boundaries", "P", "R", "F1"], detail))

    if args.show_failures:
        for name in (["textmill"] if "textmill" in figures else list(figures)):
            print(f"\nfailing cases of {name}:")
            for key, ids in figures[name]["failures"].items():
                print(f"  {key}: {', '.join(ids) or '(none)'}")
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

"""Boilerplate removal quality and speed: textmill side by side with its peers.

What it measures (definitions in shared/data/boilerplate/SOURCES.md):
  1. ScrapingHub article-extraction benchmark, dev pages (scrapinghub_dev_html/*.html.gz against
     scrapinghub_dev_ground_truth.json), the benchmark's own metric: \\w+ tokens, 4-token shingles,
     multiset tp/fp/fn per page, macro P over non-empty predictions, macro R over non-empty truth,
     F1 of the two means, accuracy = exact token sequence; ± = 1.96 x std of 1000 bootstrap
     resamples of the pages (seed 0).
     Systems: textmill.clean(html, kind="html") (a str; "textmill-bytes": the page as UTF-8 bytes,
     which textmill decodes), trafilatura.extract(favor_precision=True) and with
     its defaults, readability-lxml (as the benchmark runs it: Document.summary(html_partial=True)
     -> html_text.extract_text()), resiliparse extract_plain_text(main_content=True).
     Speed: every page through each system on one core, parse included, best of 3 passes taken
     in turns across the systems (the scoring pass is the first), in docs/s, and textmill's speed
     over the peer's.
  2. Plain text (plaintext_dev.jsonl: each page rendered whole to text by inscriptis, or glued):
     textmill.clean(text, kind="text"); each output line is mapped back to the source line it
     came from (equal to it, or a trimmed part of it when glued crumbs were cut); a source line
     counts as kept when the mapped output covers at least half of its \\w+ tokens. Line-level
     P/R/F1 of the keep class against the gold labels (micro over lines), per renderer,
     overall, and on two halves of the pages ("pages A", "pages B": ids sorted, every other
     one), and the shingle F1 of the output vs title + "\\n" + gt_body.
     Reference rows: "heuristic" keeps lines of >= 10 words ending in . ! ? " or ”; "oracle"
     keeps exactly the gold lines (the ceiling of line selection for the shingle F1).

Run:  .venv-bench/bin/python benches/eval/boilerplate.py [DATA] [--systems ...] [--json out.json]
      [--no-timing] [--no-plaintext] [--passes N]
DATA defaults to ../shared/data/boilerplate from the repo root.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (chosen_systems, import_textmill, macro, one_core, page_score, parser,  # noqa: E402
                    read_jsonl, shingle_metrics, table, write_json, words)

# textmill's HTML block model was fitted on both HTML benchmarks: its figures here are in-sample.
IN_SAMPLE = ("note: textmill's block model was trained on these pages; its figures cross-validated by "
             "site come from crates/textmill-boilerplate/data/train_block_model.py (make eval runs it)")

# Its plain-text line model was fitted on the plain-text records: those figures are in-sample too.
IN_SAMPLE_TEXT = ("note: textmill's line model was trained on these records; its figures cross-validated by "
                  "page come from crates/textmill-boilerplate/data/train_line_model.py (make eval runs it)")

HTML_SYSTEMS = ["textmill", "textmill-bytes", "trafilatura-precision", "trafilatura", "readability", "resiliparse"]
TEXT_SYSTEMS = ["textmill", "heuristic", "oracle"]
SYSTEMS = HTML_SYSTEMS + TEXT_SYSTEMS[1:]


def html_extractor(name: str, textmill):
    """A function html str -> article text."""
    if name == "textmill":
        return lambda html: textmill.clean(html, kind="html").text
    if name == "textmill-bytes":  # the page as UTF-8 bytes: decoded by textmill (encoding sniffed)
        return lambda html: textmill.clean(html.encode("utf-8"), kind="html").text
    if name.startswith("trafilatura"):
        import trafilatura
        opts = {"favor_precision": True} if name == "trafilatura-precision" else {}
        return lambda html: trafilatura.extract(html, **opts) or ""
    if name == "readability":  # the benchmark's own recipe (lxml text_content() glues words: F1 0.954)
        import html_text
        from readability import Document
        return lambda html: html_text.extract_text(Document(html).summary(html_partial=True))
    if name == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        return lambda html: extract_plain_text(html, main_content=True)
    raise ValueError(name)


def run_html(data: Path, systems: list[str], textmill, passes: int, timing: bool) -> dict:
    truth = json.loads((data / "scrapinghub_dev_ground_truth.json").read_text(encoding="utf-8"))
    pages = {}
    for path in sorted((data / "scrapinghub_dev_html").glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            pages[path.name.split(".")[0]] = f.read()
    if pages.keys() != truth.keys():
        sys.exit("error: the HTML files and the ground truth do not have the same ids")

    # The timed passes go round the systems in turn, so that a slow spell of a shared machine
    # does not fall on one system's passes only; each keeps its best pass.
    extractors = {name: html_extractor(name, textmill) for name in systems}
    preds, best = {}, {}
    for name, extract in extractors.items():
        t0 = time.perf_counter()
        preds[name] = {k: extract(html) for k, html in pages.items()}
        best[name] = time.perf_counter() - t0
    for _ in range(passes - 1 if timing else 0):
        for name, extract in extractors.items():
            t0 = time.perf_counter()
            for html in pages.values():
                extract(html)
            best[name] = min(best[name], time.perf_counter() - t0)
    figures = {}
    for name in systems:
        scores = [page_score(preds[name][k], truth[k].get("articleBody", "")) for k in pages]
        figures[name] = {**shingle_metrics(scores), "pages": len(pages), "seconds": best[name],
                         "docs_per_s": len(pages) / best[name], "timed": timing}
        print(f"  {name}: {best[name]:.2f} s/pass", file=sys.stderr)

    rows = []
    ours = figures.get("textmill")
    for name, f in figures.items():
        pm = lambda k: f"{f[k]:.3f} ± {f[k + '_ci']:.3f}"
        ratio = f"{ours['docs_per_s'] / f['docs_per_s']:.1f}x" if timing and ours and name != "textmill" else "-"
        f["textmill_over_peer"] = ratio
        rows.append([name, pm("f1"), pm("precision"), pm("recall"), pm("accuracy"),
                     f"{f['docs_per_s']:.1f}" if timing else "-", ratio])
    print(f"ScrapingHub article-extraction benchmark, dev ({len(pages)} pages)"
          + (f"; speed: one core, best of {passes} passes" if timing else ""))
    print(table(["system", "F1", "precision", "recall", "accuracy", "docs/s", "textmill/peer"], rows))
    if "textmill" in systems:
        print(IN_SAMPLE)
    return figures


# ---------------------------------------------------------------- plain text


def norm(s: str) -> str:
    return " ".join(s.split())


def kept_lines(lines: list[str], output: str) -> tuple[list[int], int]:
    """Which source lines the output keeps (1/0), and how many output lines could not be mapped.

    Each output line's candidates are the source lines equal to it, else those that end with it
    (glued crumbs are cut at the start), else those that contain it. Going through the output in
    order, a line takes its last candidate after the previous line's and before the next line's
    first candidate (a headline repeated in the menus maps to its copy next to the body). A source
    line is kept when the output mapped to it covers at least half of its \\w+ tokens. An output
    line that matches no source line (lines joined, characters changed) keeps every source line
    whose whole token sequence appears in its tokens."""
    src = [norm(l) for l in lines]
    outs = [o for o in map(norm, output.split("\n")) if words(o)]
    cands = []
    for out in outs:
        exact = [j for j, l in enumerate(src) if l == out]
        cands.append((exact, 1) if exact else ([j for j, l in enumerate(src) if l.endswith(out)]
                                               or [j for j, l in enumerate(src) if out in l], 0))
    covered = [0] * len(lines)
    unmapped, prev = [], -1
    for i, (out, (cand, step)) in enumerate(zip(outs, cands)):
        if not cand:
            unmapped.append(out)
            continue
        lo = prev + step
        after = [j for j in cand if j >= lo]
        bound = min((j for j in (cands[i + 1][0] if i + 1 < len(outs) else []) if j >= lo), default=len(src))
        before = [j for j in after if j < bound]
        prev = before[-1] if before else after[0] if after else cand[0]
        covered[prev] += len(words(out))
    kept = [int(2 * c >= max(1, len(words(l)))) for c, l in zip(covered, lines)]
    missing = 0
    for out in unmapped:
        toks = " " + " ".join(words(out)) + " "
        found = [j for j, l in enumerate(lines) if not kept[j] and words(l) and f" {' '.join(words(l))} " in toks]
        for j in found:
            kept[j] = 1
        missing += not found
    return kept, missing


def heuristic(lines: list[str]) -> str:
    return "\n".join(l for l in lines if len(l.split()) >= 10 and l.rstrip().endswith((".", "!", "?", '"', "”")))


def line_prf(pairs: list[tuple[int, int]]) -> dict:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def order(renderer: str) -> tuple:
    return (renderer.startswith("pages"), renderer == "all", renderer != "inscriptis", renderer)


def run_plaintext(data: Path, systems: list[str], textmill) -> dict:
    records = read_jsonl(data / "plaintext_dev.jsonl")
    # Two halves of the pages (ids sorted, every other one), both renderings in each: how much the
    # figures move from one set of pages to another.
    ids = sorted({r["id"] for r in records})
    half = {i: f"pages {'AB'[k % 2]}" for k, i in enumerate(ids)}
    figures, rows = {}, []
    for name in systems:
        t0 = time.perf_counter()
        pairs, scores, unmapped = {}, {}, {}
        for r in records:
            if name == "textmill":
                # The headline is metadata in textmill; the task keeps it, so put it back on top.
                cleaned = textmill.clean(r["text"], kind="text")
                title = cleaned.metadata.get("title")
                output = (title + "\n" if title else "") + cleaned.text
            elif name == "heuristic":
                output = heuristic(r["lines"])
            else:
                output = "\n".join(l for l, g in zip(r["lines"], r["labels"]) if g)
            kept, missing = kept_lines(r["lines"], output)
            for key in (r["renderer"], "all", half[r["id"]]):
                pairs.setdefault(key, []).extend(zip(kept, r["labels"]))
                scores.setdefault(key, []).append(page_score(output, r["title"] + "\n" + r["gt_body"]))
                unmapped[key] = unmapped.get(key, 0) + missing
        figures[name] = {key: {"lines": line_prf(pairs[key]), "shingle": shingle_metrics(scores[key]),
                               "unmapped_output_lines": unmapped[key]} for key in sorted(pairs, key=order)}
        for key, f in figures[name].items():
            m, s = f["lines"], f["shingle"]
            rows.append([name, key, f"{m['p']:.3f}", f"{m['r']:.3f}", f"{m['f1']:.3f}",
                         f"{s['f1']:.3f} ± {s['f1_ci']:.3f}", f["unmapped_output_lines"]])
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(f"\nPlain text cleaning ({len(records)} records); keep class, micro over lines; "
          "shingle F1 vs title + gt_body")
    print(table(["system", "renderer", "line P", "line R", "line F1", "shingle F1", "unmapped"], rows))
    return figures


# ---------------------------------------------------------------- trafilatura's evaluation set

TRAF_SYSTEMS = ["textmill", "trafilatura"]


def ws(s: str | None) -> str:
    return " ".join((s or "").split())


def traf_metadata(name: str, html: bytes, textmill) -> tuple[str, dict]:
    """(main text, {title, author, date}) of one page, as the system gives them."""
    if name == "textmill":
        c = textmill.clean(html, kind="html")
        m = c.metadata
        return c.text, {"title": m.get("title"), "author": "; ".join(m.get("authors") or []),
                        "date": m.get("date")}
    import trafilatura
    from trafilatura.metadata import extract_metadata
    text = trafilatura.extract(html) or ""
    m = extract_metadata(html)
    return text, {"title": m.title if m else None, "author": m.author if m else None,
                  "date": m.date if m else None}


def meta_right(field: str, gold, pred) -> bool:
    """trafilatura's rules: title and author case-folded exact, date on YYYY-MM-DD; an empty
    gold value is right only when the answer is empty too."""
    join = lambda v: "; ".join(v) if isinstance(v, list) else v  # a few gold authors are lists
    gold, pred = ws(join(gold)), ws(join(pred))
    if field == "date":
        return gold[:10] == pred[:10]
    return gold.casefold() == pred.casefold()


def run_traf(data: Path, systems: list[str], textmill, fold: str | None) -> dict:
    """trafilatura's own metric over its 990 pages (SOURCES.md): `with` snippets found are TP,
    missing FN; `without` snippets found are FP, else TN; micro over all pages. Metadata over
    the pages that carry the fields. `fold` A or B keeps every other page (urls sorted)."""
    root = data / "trafilatura_eval"
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    urls = sorted(gold)
    if fold:
        urls = urls["AB".index(fold)::2]
    figures, rows = {}, []
    for name in systems:
        t0 = time.perf_counter()
        tp = fp = fn = tn = 0
        right = {"title": 0, "author": 0, "date": 0}
        with_meta = 0
        for url in urls:
            g = gold[url]
            with gzip.open(root / "pages" / (g["file"] + ".gz"), "rb") as f:
                html = f.read()
            text, meta = traf_metadata(name, html, textmill)
            text = ws(text)
            for snip in g["with"]:
                if ws(snip) in text:
                    tp += 1
                else:
                    fn += 1
            for snip in g["without"]:
                if ws(snip) in text:
                    fp += 1
                else:
                    tn += 1
            if "title" in g:
                with_meta += 1
                for field in right:
                    right[field] += meta_right(field, g.get(field), meta[field])
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = {"pages": len(urls), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
             "accuracy": (tp + tn) / max(1, tp + tn + fp + fn), "meta_pages": with_meta,
             **{k: v / max(1, with_meta) for k, v in right.items()}}
        figures[name] = f
        rows.append([name, f"{f['f1']:.3f}", f"{p:.3f}", f"{r:.3f}", f"{f['accuracy']:.3f}",
                     f"{f['title']:.3f}", f"{f['date']:.3f}", f"{f['author']:.3f}"])
        print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    print(f"\ntrafilatura's evaluation set ({len(urls)} pages{', fold ' + fold if fold else ''}); "
          f"metadata over {with_meta} pages")
    print(table(["system", "F1", "precision", "recall", "accuracy", "title", "date", "author"], rows))
    if "textmill" in systems:
        print(IN_SAMPLE)
    return figures


# ---------------------------------------------------------------- clean text stays whole

def run_clean_text(data: Path, textmill) -> dict:
    """Articles that are already clean (CNN/DM validation, each one line), given as text: the
    cleaner must keep them. Counts the articles emptied and those losing more than 5% of their
    \\w+ words (the title, which textmill moves to metadata, counts as kept)."""
    path = data.parent / "summarization" / "cnndm_val1000.jsonl"
    if not path.exists():
        print(f"\nclean CNN/DM articles: {path} not found, skipped")
        return {}
    records = read_jsonl(path)
    emptied = lost = 0
    worst = []
    for r in records:
        c = textmill.clean(r["article"], kind="text")
        kept = len(words(c.text)) + len(words(c.metadata.get("title")))
        total = len(words(r["article"]))
        emptied += kept == 0 and total > 0
        if kept < 0.95 * total:
            lost += 1
            worst.append((kept / max(1, total), r["id"]))
    worst.sort()
    f = {"articles": len(records), "emptied": emptied, "lost_over_5pct": lost,
         "worst": [f"{i} keeps {k:.0%}" for k, i in worst[:5]]}
    print(f"\nclean CNN/DM validation articles given as text ({len(records)}): emptied {emptied}, "
          f"losing more than 5% of their words {lost}" + (f"; worst: {', '.join(f['worst'])}" if worst else ""))
    return f


def main(argv=None) -> None:
    ap = parser(__doc__, "boilerplate", SYSTEMS)
    ap.add_argument("--no-timing", action="store_true", help="score only (one pass per system)")
    ap.add_argument("--no-plaintext", action="store_true", help="ScrapingHub HTML part only")
    ap.add_argument("--no-trafilatura-set", action="store_true", help="leave out trafilatura's evaluation set")
    ap.add_argument("--only", choices=["scrapinghub", "plaintext", "trafilatura-set", "clean-text"], help="one benchmark only")
    ap.add_argument("--fold", choices=["A", "B"], help="trafilatura's set: every other page only")
    ap.add_argument("--passes", type=int, default=3, help="timing passes per system, taken in turns (default 3)")
    args = ap.parse_args(argv)
    systems = chosen_systems(args.systems, SYSTEMS)
    textmill = import_textmill(systems)
    if not args.no_timing:
        one_core()
    figures = {}
    wanted = lambda part: args.only in (None, part)
    html_systems = [s for s in systems if s in HTML_SYSTEMS]
    if html_systems and wanted("scrapinghub"):
        figures["scrapinghub"] = run_html(args.data, html_systems, textmill, args.passes, not args.no_timing)
    text_systems = [s for s in systems if s in TEXT_SYSTEMS]
    if text_systems and not args.no_plaintext and wanted("plaintext"):
        figures["plaintext"] = run_plaintext(args.data, text_systems, textmill)
        if "textmill" in text_systems:
            print(IN_SAMPLE_TEXT)
    traf_systems = [s for s in systems if s in TRAF_SYSTEMS]
    if traf_systems and not args.no_trafilatura_set and wanted("trafilatura-set"):
        figures["trafilatura_set"] = run_traf(args.data, traf_systems, textmill, args.fold)
    if "textmill" in systems and wanted("clean-text"):
        figures["clean_text"] = run_clean_text(args.data, textmill)
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

"""Summarisation speed: textmill side by side with sumy, one core, on CNN/DM articles.

Every system summarises each article of shared/data/summarization/cnndm_val1000.jsonl to three
sentences, sentence splitting included, on one core; docs/s is articles / seconds (best of 3 for
the fast systems, one pass for sumy, which is slow). sumy gets textmill's sentence splitter (its
own needs NLTK punkt data, which cannot be downloaded here), so its time excludes splitting and
is flattered. The ratio column is textmill's docs/s over the system's. A last line times textmill
on one document of about 1 MB (the articles joined).

Run:  .venv-bench/bin/python benches/compare/summarize_speed.py [DATA] [--systems ...] [--json out.json]
DATA defaults to ../shared/data/summarization from the repo root.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from common import best_of, chosen_systems, import_textmill, one_core, parser, read_jsonl, table, write_json  # noqa: E402
from summarization import sumy_summarizer  # noqa: E402

SYSTEMS = ["textmill", "textmill-lexrank", "textmill-textrank", "sumy-lexrank", "sumy-textrank"]


def timed(name: str, articles: list[str], textmill) -> float:
    if name.startswith("textmill"):
        method = {"textmill": "pacsum", "textmill-lexrank": "lexrank", "textmill-textrank": "textrank"}[name]
        summarizer = textmill.Summarizer(method=method)
        return best_of(3, lambda: [summarizer.summarize(a, sentences=3) for a in articles])
    run = sumy_summarizer(name)
    split = [[s.text for s in textmill.sentences(a)] for a in articles]
    start = time.perf_counter()
    for sentences in split:
        run(sentences, 3)
    return time.perf_counter() - start


def main() -> None:
    args = parser(__doc__, "summarization", SYSTEMS).parse_args()
    systems = chosen_systems(args.systems, SYSTEMS)
    one_core()
    textmill = import_textmill(["textmill"])
    articles = [d["article"] for d in read_jsonl(args.data / "cnndm_val1000.jsonl")]
    speeds = {name: len(articles) / timed(name, articles, textmill) for name in systems}
    base = speeds.get("textmill")
    rows = [[name, f"{v:,.0f}", f"{base / v:.1f}x" if base else ""] for name, v in speeds.items()]
    print(f"{len(articles)} CNN/DM articles, 3 sentences each, one core\n")
    print(table(["system", "docs/s", "textmill is"], rows))
    figures = {"docs_per_s": speeds}
    if "textmill" in systems:
        big = "\n\n".join(articles)
        while len(big) < 1_000_000:
            big += "\n\n" + big
        big = big[:1_000_000]
        seconds = best_of(3, lambda: textmill.summarize(big, sentences=3))
        print(f"\none document of {len(big):,} chars: {seconds:.3f} s")
        figures["one_mb_seconds"] = seconds
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

"""The whole pipeline against the Python stack that does the same steps, one core, same pages.

Pages: the first --pages web pages of the development data (ScrapingHub dev, then trafilatura's
evaluation set), as a JSONL file of `html` records under target/bench-corpus/.
  - textmill: `textmill run PAGES.jsonl --threads 1` (release binary): boilerplate removal and
    metadata, sentences and tokens, entities, a 3-sentence summary, JSON lines written; timed by
    its own stats.json (start-up left out), best of --repeat;
  - the Python stack: trafilatura.bare_extraction (main text and metadata), spaCy's small English
    model on the text (tokens, sentences, entities; the full pipeline), and sumy LexRank choosing
    3 of spaCy's sentences; one pass (it is slow), timed per page and summed.
Both are pinned to one core (the textmill process inherits this script's CPU affinity).
Prints pages/s and the ratio.

Usage: python benches/compare/pipeline_speed.py [DATA] [--pages 150] [--repeat 3]
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus_run import BINARY, CORPUS, ROOT, web_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from common import load_spacy_model, one_core  # noqa: E402
from summarization import sumy_summarizer  # noqa: E402


def textmill_run(pages: Path) -> float:
    out = CORPUS / "pipeline-out.jsonl"
    subprocess.run([str(BINARY), "run", str(pages), "-o", str(out), "-q", "--threads", "1"],
                   check=True, stdout=subprocess.DEVNULL)
    stats_file = CORPUS / "pipeline-out.stats.json"
    seconds = json.loads(stats_file.read_text())["seconds"]
    out.unlink()
    stats_file.unlink()
    return seconds


def python_stack(htmls: list[str]) -> tuple[float, int]:
    import trafilatura

    nlp = load_spacy_model()
    lexrank = sumy_summarizer("sumy-lexrank")
    start = time.perf_counter()
    entities = 0
    for html in htmls:
        extracted = trafilatura.bare_extraction(html, with_metadata=True)
        text = (extracted.text if extracted is not None else "") or ""
        doc = nlp(text)
        sentences = [s.text for s in doc.sents]
        entities += len(doc.ents)
        if sentences:
            lexrank(sentences, 3)
    return time.perf_counter() - start, entities


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--pages", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit("build the CLI first: cargo build --release -p textmill-cli")
    one_core()
    CORPUS.mkdir(parents=True, exist_ok=True)
    htmls = []
    for html in web_pages(Path(args.data)):
        htmls.append(html)
        if len(htmls) == args.pages:
            break
    pages = CORPUS / f"pages-{len(htmls)}.jsonl"
    with open(pages, "w", encoding="utf-8") as out:
        for i, html in enumerate(htmls):
            out.write(json.dumps({"id": f"p{i}", "html": html}, ensure_ascii=False) + "\n")
    textmill_seconds = min(textmill_run(pages) for _ in range(args.repeat))
    python_seconds, _ = python_stack(htmls)
    n = len(htmls)
    print(f"{n} pages, one core (affinity {sorted(os.sched_getaffinity(0))})\n")
    print(f"{'system':<44} {'seconds':>8} {'pages/s':>8}")
    print(f"{'textmill run --threads 1':<44} {textmill_seconds:>8.2f} {n / textmill_seconds:>8.1f}")
    print(f"{'trafilatura + spaCy sm + sumy LexRank':<44} {python_seconds:>8.2f} {n / python_seconds:>8.1f}")
    print(f"textmill / Python stack: {python_seconds / textmill_seconds:.1f}x")


if __name__ == "__main__":
    main()

"""The Python package against the Rust batch API, on the same documents, in one run.

Documents: the CNN/DM validation articles of the development data, cycled to --docs.
  - `textmill.process_batch(texts, kind="text", threads=2)` against `textmill run FILE --threads 2
    --fields all` on the same texts as JSONL (the release binary, the same engine; timed by its
    stats.json), best of --repeat each, in turns;
  - two Python threads calling `textmill.process` one document at a time against one thread
    (the GIL is released while a document is processed);
  - a pickle round trip of 1,000 Documents.
Prints each time and the ratios.

Usage: python benches/compare/python_batch.py [DATA] [--docs 10000] [--repeat 3]
"""

import argparse
import json
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path

from corpus_run import BINARY, CORPUS, ROOT

import textmill


def rust_run(path: Path) -> float:
    out = CORPUS / "python-batch-out.jsonl"
    subprocess.run([str(BINARY), "run", str(path), "-o", str(out), "-q", "--threads", "2", "--fields", "all"],
                   check=True, stdout=subprocess.DEVNULL)
    stats = CORPUS / "python-batch-out.stats.json"
    seconds = json.loads(stats.read_text())["seconds"]
    out.unlink()
    stats.unlink()
    return seconds


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def threaded(texts: list[str], threads: int) -> float:
    chunks = [texts[i::threads] for i in range(threads)]

    def work(chunk):
        for text in chunk:
            textmill.process(text, kind="text")

    workers = [threading.Thread(target=work, args=(c,)) for c in chunks]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit("build the CLI first: cargo build --release -p textmill-cli")
    articles = [json.loads(line)["article"]
                for line in open(Path(args.data) / "summarization" / "cnndm_val1000.jsonl", encoding="utf-8")]
    texts = [articles[i % len(articles)] for i in range(args.docs)]
    CORPUS.mkdir(parents=True, exist_ok=True)
    path = CORPUS / f"python-batch-{args.docs}.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": str(i), "text": text}) + "\n")
    textmill.process(texts[0])  # the model and gazetteers loaded before timing
    best_py = best_rust = float("inf")
    for _ in range(args.repeat):
        best_py = min(best_py, timed(lambda: textmill.process_batch(texts, kind="text", threads=2)))
        best_rust = min(best_rust, rust_run(path))
    print(f"{args.docs} CNN/DM articles")
    print(f"process_batch, 2 threads:        {best_py:7.2f} s  {args.docs / best_py:7.0f} docs/s")
    print(f"textmill run --threads 2 (Rust): {best_rust:7.2f} s  {args.docs / best_rust:7.0f} docs/s")
    print(f"process_batch / Rust batch API time: {best_py / best_rust:.2f}")
    sample = texts[:2000]
    one = min(threaded(sample, 1) for _ in range(2))
    two = min(threaded(sample, 2) for _ in range(2))
    print(f"process() per document, {len(sample)} docs: 1 thread {one:.2f} s, 2 threads {two:.2f} s: {one / two:.2f}x")
    docs = textmill.process_batch(texts[:1000], kind="text")
    seconds = timed(lambda: pickle.loads(pickle.dumps(docs)))
    print(f"pickle round trip of 1,000 Documents: {seconds:.3f} s")


if __name__ == "__main__":
    main()

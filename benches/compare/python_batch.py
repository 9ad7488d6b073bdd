"""The Python package against the Rust batch API, on the same documents, in one run.

Documents: the CNN/DM validation articles of the development data, cycled to --docs.
  - `textmill.process_batch(texts, kind="text", threads=2)` against `textmill run FILE --threads 2
    --fields all` on the same texts as JSONL (the release binary, the same engine; timed by its
    stats.json), best of --repeat each, in turns;
  - two Python threads calling `textmill.process` one document at a time against one thread
    (the GIL is released while a document is processed);
  - a pickle round trip of 1,000 Documents;
  - `textmill.to_arrow` of the 10,000 Documents (the default fields, and all of them);
  - `textmill.dask.process` over the texts as a dask DataFrame of 20 partitions, on a
    `distributed.LocalCluster` of two worker processes with one thread each, computed into
    pandas, against `process_batch` with 2 threads (best of --repeat each, after a warm-up
    that loads the pipeline on both workers).
  - `import textmill` in a fresh interpreter, less `python -c pass` (best of 15 each).
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


def import_cost() -> tuple[float, float]:
    def best(code: str) -> float:
        times = []
        for _ in range(15):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return min(times)

    return best("pass"), best("import textmill")


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
    bare, imported = import_cost()
    print(f"import textmill: {1000 * imported:.1f} ms, python -c pass {1000 * bare:.1f} ms: "
          f"the import costs {1000 * (imported - bare):.1f} ms")
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
    docs = textmill.process_batch(texts, kind="text")
    for fields in (None, "all"):
        seconds = min(timed(lambda: textmill.to_arrow(docs, fields=fields)) for _ in range(args.repeat))
        print(f"to_arrow of {len(docs):,} Documents, fields={fields or 'default'}: {seconds:.3f} s")
    dask_run(texts, args.repeat)


def dask_run(texts: list[str], repeat: int) -> None:
    import dask.dataframe as dd
    import distributed
    import pandas as pd

    import textmill.dask

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=20).persist()
        distributed.wait(frame)  # the texts on the workers before timing
        warm = dd.from_pandas(pd.DataFrame({"text": texts[:40]}), npartitions=8)
        textmill.dask.process(warm, kind="text").compute()
        best_dask = best_batch = float("inf")
        for _ in range(repeat):  # in turns, as the machine's load drifts
            best_dask = min(best_dask, timed(lambda: textmill.dask.process(frame, kind="text").compute()))
            best_batch = min(best_batch, timed(lambda: textmill.process_batch(texts, kind="text", threads=2)))
    print(f"dask, LocalCluster 2 workers x 1 thread, 20 partitions, {len(texts)} docs: {best_dask:7.2f} s  "
          f"{len(texts) / best_dask:7.0f} docs/s")
    print(f"process_batch, 2 threads, same turns:             {best_batch:7.2f} s")
    print(f"dask / process_batch (2 threads) time: {best_dask / best_batch:.2f}")


if __name__ == "__main__":
    main()

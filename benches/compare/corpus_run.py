"""Corpus runs of `textmill run`: scaling from one thread to two, peak memory, and formats.

Builds its corpora from the development data (nothing is downloaded) under target/bench-corpus/:
  - news: CNN/DM validation and NeuS articles as JSONL text, repeated (with fresh ids) to
    --news-mb megabytes, compressed with zstd;
  - web: the ScrapingHub and trafilatura evaluation pages as JSONL `html`, repeated to --web-mb
    megabytes, compressed with gzip.
Then runs the release binary on each with --threads 1 and --threads 2 (best of --repeat runs),
and prints documents/s, the two-thread speed-up and the peak resident memory of each run.

With --memory GB [GB ...] it instead runs the news corpus repeated to each of those sizes (zstd
frames of the --news-mb file, concatenated) with one 200 MB document in the middle, on two
threads, and prints each run's peak resident memory and the 200 MB document's outcome.

With --formats it runs the same web pages (the --web-mb corpus) as .jsonl.gz, as a WARC.gz
(built by warc_read.py's builder: request, response and metadata records, a gzip member each) and
as a Parquet file (pyarrow, zstd), on two threads, and prints docs/s per format.

Usage: python benches/compare/corpus_run.py [DATA] [--news-mb 1024] [--web-mb 256] [--repeat 1]
       python benches/compare/corpus_run.py [DATA] --news-mb 1024 --memory 1 4
       python benches/compare/corpus_run.py [DATA] --web-mb 256 --formats
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / "target" / "release" / "textmill"
CORPUS = ROOT / "target" / "bench-corpus"


def news_articles(data: Path):
    for line in open(data / "summarization" / "cnndm_val1000.jsonl", encoding="utf-8"):
        record = json.loads(line)
        yield record.get("article") or record.get("text")
    for line in open(data / "stories" / "neus_val_docs.jsonl", encoding="utf-8"):
        record = json.loads(line)
        text = record.get("text") or record.get("content") or record.get("article")
        if text:
            yield text


def web_pages(data: Path):
    folder = data / "boilerplate"
    for path in sorted((folder / "scrapinghub_dev_html").glob("*")):
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        yield raw.decode("utf-8", errors="replace")
    traf = folder / "trafilatura_eval"
    for path in sorted(traf.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".htm", ".gz"):
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            yield raw.decode("utf-8", errors="replace")


def build(path: Path, field: str, texts, megabytes: int, compress) -> tuple[int, int]:
    """Writes JSONL records of `texts`, cycled, until `megabytes` of JSON; returns (records, bytes)."""
    texts = [t for t in texts if t]
    if not texts:
        sys.exit(f"no input texts for {path.name}")
    limit = megabytes * 1_000_000
    written = records = 0
    with compress(path) as out:
        while written < limit:
            for text in texts:
                line = json.dumps({"id": f"r{records}", field: text}, ensure_ascii=False) + "\n"
                data = line.encode("utf-8")
                out.write(data)
                written += len(data)
                records += 1
                if written >= limit:
                    break
    return records, written


def zstd_writer(path: Path):
    proc = subprocess.Popen(["zstd", "-q", "-3", "-f", "-o", str(path)], stdin=subprocess.PIPE)

    class Writer:
        def __enter__(self):
            return proc.stdin

        def __exit__(self, *exc):
            proc.stdin.close()
            proc.wait()

    return Writer()


def run_textmill(corpus: Path, threads: int) -> tuple[float, int, dict]:
    """Wall seconds, peak resident memory (MB, by GNU time) and stats.json of one run."""
    out = CORPUS / f"out-{threads}.jsonl"
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%e %M", str(BINARY), "run", str(corpus), "-o", str(out), "-q",
         "--threads", str(threads)],
        check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
    stats_file = CORPUS / f"out-{threads}.stats.json"
    stats = json.loads(stats_file.read_text())
    out.unlink()
    stats_file.unlink()
    return float(seconds), int(kilobytes) // 1024, stats


def memory_runs(news: Path, news_mb: int, sizes: list[int]):
    """Peak memory of runs over news repeated to `sizes` GB, each with a 200 MB document inside."""
    big = CORPUS / "big-200mb.jsonl.zst"
    if not big.exists():
        sentence = "The council met on Tuesday and voted to extend the programme for another year. "
        text = sentence * (200_000_000 // len(sentence))
        with zstd_writer(big) as out:
            out.write((json.dumps({"id": "big-200mb", "text": text}) + "\n").encode())
    print(f"\n{'corpus':<32} {'records':>9} {'too_large':>9} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
    peaks = {}
    for gb in sizes:
        copies = max(1, gb * 1024 // news_mb)
        corpus = CORPUS / f"news-{gb}gb-with-200mb-doc.jsonl.zst"
        if not corpus.exists():
            with open(corpus, "wb") as out:
                for i in range(copies):
                    if i == copies // 2:
                        out.write(big.read_bytes())
                    out.write(news.read_bytes())
        seconds, peak, stats = run_textmill(corpus, 2)
        records = stats["documents"] + stats["errors"]
        too_large = stats["errors_by_kind"].get("too_large", 0)
        peaks[gb] = peak
        print(f"{corpus.name:<32} {records:>9} {too_large:>9} {seconds:>8.0f} {records / seconds:>7.0f} {peak:>8}")
    if len(peaks) > 1:
        low, high = min(peaks.values()), max(peaks.values())
        print(f"largest peak / smallest peak: {high / low:.3f}")


def format_runs(web: Path, data: Path, web_mb: int):
    """The same pages as JSONL.gz, WARC.gz and Parquet, two threads each."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from warc_read import build as build_warc

    parquet = CORPUS / f"web-{web_mb}mb.parquet"
    if not parquet.exists():
        with gzip.open(web, "rt", encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        pq.write_table(pa.Table.from_pylist(rows), parquet, compression="zstd")
    warc = CORPUS / f"web-{web_mb}mb.warc.gz"
    if not warc.exists():
        build_warc(warc, data, web_mb)
    print(f"\n{'input (same pages)':<26} {'MB':>6} {'docs':>6} {'seconds':>8} {'docs/s':>7} {'peak MB':>8}")
    for corpus in (web, warc, parquet):
        seconds, peak, stats = run_textmill(corpus, 2)
        docs = stats["documents"] + stats["errors"]
        print(f"{corpus.name:<26} {corpus.stat().st_size / 1e6:>6.0f} {docs:>6} {seconds:>8.1f} "
              f"{docs / seconds:>7.0f} {peak:>8}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--news-mb", type=int, default=1024)
    parser.add_argument("--web-mb", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--memory", type=int, nargs="+", metavar="GB")
    parser.add_argument("--formats", action="store_true")
    args = parser.parse_args()
    data = Path(args.data)
    if not BINARY.exists():
        sys.exit("build the CLI first: cargo build --release -p textmill-cli")
    CORPUS.mkdir(parents=True, exist_ok=True)
    corpora = []
    news = CORPUS / f"news-{args.news_mb}mb.jsonl.zst"
    if not news.exists() and not args.formats:
        n, size = build(news, "text", news_articles(data), args.news_mb, zstd_writer)
        print(f"built {news.name}: {n} records, {size / 1e6:.0f} MB of JSONL, {news.stat().st_size / 1e6:.0f} MB compressed")
    if not args.formats:
        corpora.append(news)
    if args.memory:
        memory_runs(news, args.news_mb, args.memory)
        return
    web = CORPUS / f"web-{args.web_mb}mb.jsonl.gz"
    if not web.exists():
        n, size = build(web, "html", web_pages(data), args.web_mb, lambda p: gzip.open(p, "wb", compresslevel=3))
        print(f"built {web.name}: {n} records, {size / 1e6:.0f} MB of JSONL, {web.stat().st_size / 1e6:.0f} MB compressed")
    corpora.append(web)
    if args.formats:
        format_runs(web, data, args.web_mb)
        return

    print(f"\n{'corpus':<26} {'threads':>7} {'docs':>8} {'seconds':>8} {'docs/s':>8} {'MB/s':>6} {'peak MB':>8}")
    for corpus in corpora:
        # One thread and two in turns, --repeat rounds, each keeping its best: on a shared
        # machine only interleaved runs compare.
        best, rss, stats = {1: None, 2: None}, {1: 0, 2: 0}, {}
        for _ in range(args.repeat):
            for threads in (1, 2):
                seconds, peak, stats[threads] = run_textmill(corpus, threads)
                best[threads] = seconds if best[threads] is None else min(best[threads], seconds)
                rss[threads] = max(rss[threads], peak)
        rates = {}
        for threads in (1, 2):
            docs = stats[threads]["documents"] + stats[threads]["errors"]
            rates[threads] = docs / best[threads]
            print(f"{corpus.name:<26} {threads:>7} {docs:>8} {best[threads]:>8.1f} {rates[threads]:>8.0f} "
                  f"{stats[threads]['input_bytes'] / 1e6 / best[threads]:>6.1f} {rss[threads]:>8}")
        print(f"{corpus.name:<26} two threads / one thread: {rates[2] / rates[1]:.2f}x")
    print(f"\nmachine: {os.cpu_count()} cores; binary {BINARY}")


if __name__ == "__main__":
    main()

"""Reading a WARC.gz: textmill's reader against FastWARC, one core each, the same file, one run.

Builds target/bench-corpus/web-MB.warc.gz from the development web pages (ScrapingHub dev and
trafilatura's evaluation set, repeated to --mb megabytes of records before compression): for each
page a request record, a response record with HTTP headers and the page, and a metadata record,
every record its own gzip member, as Common Crawl writes them. Nothing is downloaded.

Both sides read every record and keep the HTML responses' bodies:
  - textmill: `textmill count FILE` (the release binary; one thread reads and parses the records,
    the same reader `textmill run` uses; it prints its own seconds, which leave out start-up);
  - FastWARC: ArchiveIterator over the file with the response and metadata types, HTTP headers
    parsed, and the body of each text/html response read.
Best of --repeat runs, taken in turns. Prints records/s, MB/s (compressed file) and the ratio.

Usage: python benches/compare/warc_read.py [DATA] [--mb 512] [--repeat 3]
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus_run import BINARY, CORPUS, ROOT, web_pages


def record(warc_type: str, uri: str, number: int, block: bytes, content_type: str) -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        "WARC-Date: 2024-05-30T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n"
        "\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=6, mtime=0)


def build(path: Path, data: Path, megabytes: int) -> int:
    pages = [p.encode("utf-8") for p in web_pages(data) if p]
    if not pages:
        sys.exit("no web pages found under " + str(data / "boilerplate"))
    written = number = responses = 0
    with open(path, "wb") as out:
        while written < megabytes * 1_000_000:
            for html in pages:
                uri = f"https://site{number % 97}.example/page/{number}"
                request = f"GET /page/{number} HTTP/1.1\r\nHost: site{number % 97}.example\r\n\r\n".encode()
                response = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + f"Content-Length: {len(html)}\r\n\r\n".encode() + html)
                metadata = f"fetchTimeMs: 412\r\ncharset-detected: UTF-8\r\n".encode()
                for kind, block, ctype in [
                    ("request", request, "application/http; msgtype=request"),
                    ("response", response, "application/http; msgtype=response"),
                    ("metadata", metadata, "application/warc-fields"),
                ]:
                    number += 1
                    out.write(record(kind, uri, number, block, ctype))
                written += len(response)
                responses += 1
                if written >= megabytes * 1_000_000:
                    break
    return responses


def textmill_read(path: Path) -> tuple[float, int]:
    result = subprocess.run([str(BINARY), "count", str(path)], check=True, capture_output=True, text=True)
    counts = json.loads(result.stdout)
    return counts["seconds"], counts["records"]


def fastwarc_read(path: Path) -> tuple[float, int]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    start = time.perf_counter()
    pages = 0
    with open(path, "rb") as stream:
        for rec in ArchiveIterator(stream, record_types=WarcRecordType.response | WarcRecordType.metadata,
                                   parse_http=True):
            if rec.record_type != WarcRecordType.response:
                continue
            content_type = rec.http_headers.get("Content-Type", "") if rec.http_headers else ""
            if "html" in content_type:
                body = rec.reader.read()
                pages += body is not None
    return time.perf_counter() - start, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--mb", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not BINARY.exists():
        sys.exit("build the CLI first: cargo build --release -p textmill-cli")
    CORPUS.mkdir(parents=True, exist_ok=True)
    path = CORPUS / f"web-{args.mb}mb.warc.gz"
    if not path.exists():
        responses = build(path, Path(args.data), args.mb)
        print(f"built {path.name}: {responses} pages, {path.stat().st_size / 1e6:.0f} MB compressed")
    size = path.stat().st_size
    best = {"textmill": None, "fastwarc": None}
    records = {}
    for _ in range(args.repeat):
        for name, read in [("textmill", textmill_read), ("fastwarc", fastwarc_read)]:
            seconds, n = read(path)
            records[name] = n
            best[name] = seconds if best[name] is None else min(best[name], seconds)
    if records["textmill"] != records["fastwarc"]:
        print(f"warning: the two read different numbers of pages: {records}")
    print(f"\n{'reader':<10} {'pages':>8} {'seconds':>8} {'pages/s':>9} {'MB/s':>7}")
    for name in best:
        print(f"{name:<10} {records[name]:>8} {best[name]:>8.2f} {records[name] / best[name]:>9.0f} "
              f"{size / 1e6 / best[name]:>7.1f}")
    print(f"textmill / FastWARC speed: {best['fastwarc'] / best['textmill']:.2f}x")
    print(f"machine: {os.cpu_count()} cores; {path}")


if __name__ == "__main__":
    main()

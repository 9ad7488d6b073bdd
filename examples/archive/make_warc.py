"""Writes crawl.warc.gz: the two sample HTML pages as a crawler would have archived them.

Each page is a WARC response record (with its request record before it, as Common Crawl writes
them), plus a response that is an image, which a corpus run passes over. Every record is its own
gzip member, as in Common Crawl. Run from the repository root: python examples/archive/make_warc.py
"""

import gzip
from pathlib import Path

HERE = Path(__file__).parent
PAGES = [
    ("kim-putin-meeting.html", "https://dailyledger.example/world/kim-putin-meeting", "2023-09-11T08:30:00Z"),
    ("kim-putin-train.html", "https://worldwire.example/asia/kim-train-russia", "2023-09-11T10:05:00Z"),
]


def record(warc_type: str, uri: str, date: str, number: int, block: bytes, content_type: str) -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {warc_type}\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n"
        "\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", mtime=0)


def main():
    out = b""
    number = 0
    for name, uri, date in PAGES:
        html = (HERE.parent / name).read_bytes()
        number += 1
        request = f"GET {uri.split('.example', 1)[1]} HTTP/1.1\r\nHost: {uri.split('/')[2]}\r\n\r\n".encode()
        out += record("request", uri, date, number, request, "application/http; msgtype=request")
        number += 1
        response = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(html)}\r\n\r\n".encode()
            + html
        )
        out += record("response", uri, date, number, response, "application/http; msgtype=response")
    number += 1
    image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n"
    out += record("response", "https://dailyledger.example/logo.png", PAGES[0][2], number, image,
                  "application/http; msgtype=response")
    (HERE / "crawl.warc.gz").write_bytes(out)


if __name__ == "__main__":
    main()

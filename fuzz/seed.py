"""Seeds every fuzz target's corpus (fuzz/corpus/<target>/) from the project's own files, and
from the development data when it is beside the project (../shared/data; optional). Nothing is
downloaded. Usage: python3 fuzz/seed.py [DATA]"""
import gzip
import hashlib
import json
import pathlib
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
MAX_SEED = 200_000  # bytes; libFuzzer's -max_len in `make fuzz` is larger
READ_FORMATS = ["in.jsonl", "in.jsonl.gz", "in.jsonl.zst", "in.warc", "in.warc.gz",
                "in.parquet", "in.txt", "in.html"]  # the order of fuzz_targets/read.rs


def put(target: str, data: bytes) -> None:
    if not data or len(data) > MAX_SEED:
        return
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def read_seed(name: str, data: bytes) -> None:
    put("read", bytes([READ_FORMATS.index(name)]) + data)


examples = ROOT / "examples"
pages = [p.read_bytes() for p in sorted(examples.glob("*.html"))]
texts = [p.read_bytes() for p in sorted(examples.glob("*.txt"))]
if (DATA / "boilerplate" / "scrapinghub_dev_html").is_dir():
    pages += [p.read_bytes() for p in sorted((DATA / "boilerplate" / "scrapinghub_dev_html").iterdir())[:40]]
if (DATA / "boilerplate" / "plaintext_dev.jsonl").is_file():
    for line in (DATA / "boilerplate" / "plaintext_dev.jsonl").read_text().splitlines()[:40]:
        record = json.loads(line)
        texts += [v.encode() for v in record.values() if isinstance(v, str) and len(v) > 200][:1]

for page in pages:
    put("clean", page)
    put("pipeline", bytes([1]) + page)
    read_seed("in.html", page)
for text in texts:
    for target in ("clean", "segment", "tag", "summarize"):
        put(target, text)
    put("pipeline", bytes([2]) + text)
    read_seed("in.txt", text)

corpus = (examples / "corpus.jsonl").read_bytes()
for name, data in [("in.jsonl", corpus), ("in.jsonl.gz", gzip.compress(corpus))]:
    read_seed(name, data)
for line in corpus.splitlines()[:5]:
    read_seed("in.jsonl", line + b"\n" + b'{"id": "x", "html": "<p>a</p>"}\n\n{"id": 3}\n')
read_seed("in.warc.gz", (examples / "archive" / "crawl.warc.gz").read_bytes())
read_seed("in.warc", gzip.decompress((examples / "archive" / "crawl.warc.gz").read_bytes()))
read_seed("in.parquet", (examples / "archive" / "corpus.parquet").read_bytes())

# A small model: the shipped model's header with 2^8 buckets and two rows of weights.
model = (ROOT / "crates" / "textmill-entities" / "data" / "model.bin").read_bytes()
labels = 17
lexicon_at = 16 + (labels + 1) * labels * 4
entries = struct.unpack_from("<I", model, lexicon_at)[0]
header = bytearray(model[: lexicon_at + 4 + entries * 5])
struct.pack_into("<I", header, 8, 8)
put("model", bytes(header) + bytes(32))
put("model", bytes(header) + b"\x03" + bytes(31) + bytes(range(2 * labels)) * 2)
small = bytearray(header[: lexicon_at])
small += struct.pack("<I", 1) + struct.pack("<I", 7) + b"\x01" + b"\x80" + bytes(31) + bytes(2 * labels)
put("model", bytes(small))

for config in [
    "{}",
    '{"clean": false, "tag": false}',
    '{"summarizer": {"redundancy": 0.5}, "segment": true}',
    '{"boilerplate": {}, "normalize": {}, "segmenter": {}, "tagger": {}, "summarizer": {}}',
    "clean = true\n[summarizer]\nredundancy = 0.4\n",
    "tag = false\n[boilerplate]\n[segmenter]\n",
]:
    put("config", config.encode())

out = ROOT / "out" / "documents.jsonl"  # `make run` writes it
if out.is_file():
    for line in out.read_bytes().splitlines():
        put("document", line)
put("document", json.dumps({"id": "a", "text": "Ab cd.", "paragraphs": [{"start": 0, "end": 6}],
                            "sentences": [{"start": 0, "end": 6, "text": "Ab cd."}],
                            "tokens": [{"start": 0, "end": 2, "kind": "word"}],
                            "entities": [{"start": 3, "end": 5, "text": "cd", "label": "PERSON",
                                          "score": 0.5}],
                            "summary": [0]}).encode())

for target in sorted(p.name for p in CORPUS.iterdir()):
    print(f"{target}: {len(list((CORPUS / target).iterdir()))} seeds")

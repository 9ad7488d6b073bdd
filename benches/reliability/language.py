"""Language detection on English news, and what it costs: how many of the CNN/DM and BBC
validation articles come out as `en` (each one a document that would lose its entities if
detected as something else), how many single sentences of UD English-EWT dev do (short texts are
where detectors go wrong), and the pipeline's time with detection on and off, in turns.

    python benches/reliability/language.py [DATA]      (DATA defaults to ../shared/data)
"""
import argparse
import collections
import json
import pathlib
import time

import textmill

ROOT = pathlib.Path(__file__).resolve().parents[2]
parser = argparse.ArgumentParser()
parser.add_argument("data", nargs="?", default=str(ROOT.parent / "shared" / "data"))
parser.add_argument("--repeat", type=int, default=3)
args = parser.parse_args()
data = pathlib.Path(args.data)


def report(name, documents):
    """en, undecided (None: too short or unsure, which leaves the tagger on) and anything else
    (an English text the tagger would skip)."""
    found = collections.Counter(d.metadata["language"] for d in documents)
    others = {k: v for k, v in found.items() if k not in ("en", None)}
    print(f"{name}: {sum(found.values())} texts, en {found['en']}, undecided {found[None]}, "
          f"another language {sum(others.values())} {others}")


def texts(path, field):
    return [json.loads(line)[field] for line in path.read_text().splitlines() if line.strip()]


detecting = textmill.Pipeline()
not_detecting = textmill.Pipeline(detect_language=False)
for name, field in [("cnndm_val1000.jsonl", "article"), ("bbc_valid445.jsonl", "article")]:
    articles = texts(data / "summarization" / name, field)
    report(name, detecting.process_batch(articles, kind="text"))

sentences = []
for line in (data / "segmentation" / "ewt_dev.jsonl").read_text().splitlines():
    record = json.loads(line)
    pieces = (record["text"][start:end] for start, end in record["sentences"])
    sentences += [s for s in pieces if len(s.split()) >= 5]
report("EWT dev sentences of 5 words or more", detecting.process_batch(sentences, kind="text"))

articles = texts(data / "summarization" / "cnndm_val1000.jsonl", "article")
best = {"on": float("inf"), "off": float("inf")}
for _ in range(args.repeat):
    for label, pipeline in [("on", detecting), ("off", not_detecting)]:
        started = time.perf_counter()
        pipeline.process_batch(articles, kind="text", threads=1)
        best[label] = min(best[label], time.perf_counter() - started)
print(f"1,000 CNN/DM articles, one thread, best of {args.repeat}: detection on {best['on']:.2f} s, "
      f"off {best['off']:.2f} s: {best['on'] / best['off']:.3f}x "
      f"({(best['on'] - best['off']) / len(articles) * 1e6:.0f} us a document)")

"""Memory of near-duplicate detection and story clustering on long streams.

Makes synthetic news-like streams (nothing downloaded): N documents of 60-200 words drawn from a
Zipf vocabulary of 50,000 words, one in ten a near copy of a recent document, and documents on
"stories" that come in bursts of three (shared name-like words), and runs the release binary on
streams of growing size:
  - `textmill dedup`: the index's bytes per document (signatures, band tables, content hashes)
    as the command reports them, and the process's peak RSS;
  - `textmill stories`: peak RSS, and the same less the near-duplicate index it holds (which
    grows by about 300 bytes a document, as in dedup): the clustering state should stay flat as
    the stream grows (stories close behind the window; document frequencies are capped).

Run:  python benches/stories/memory.py [--sizes 50000 200000 1000000] [--binary target/release/textmill]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def stream(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(50_000)]
    weights = [1 / (i + 1) for i in range(len(vocabulary))]
    recent: list[str] = []
    with path.open("w") as out:
        story_words: list[str] = []
        for i in range(n):
            if i % 3 == 0:
                story_words = [f"Name{rng.randrange(10**6)}" for _ in range(4)]
            if recent and rng.random() < 0.1:
                words = rng.choice(recent).split()
                for _ in range(max(1, len(words) // 20)):
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
                text = " ".join(words)
            else:
                words = rng.choices(vocabulary, weights, k=rng.randrange(60, 200))
                text = " ".join(story_words + words)
            recent = (recent + [text])[-100:]
            out.write(json.dumps({"id": str(i), "title": " ".join(story_words), "text": text}) + "\n")


def peak(cmd: list[str]) -> tuple[int, str]:
    done = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    if done.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    lines = done.stderr.strip().splitlines()
    return int(lines[-1]), "\n".join(lines[:-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[50_000, 200_000])
    p.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "textmill")
    p.add_argument("--no-stories", action="store_true", help="measure dedup only")
    args = p.parse_args()
    work = REPO / "target" / "memory"
    work.mkdir(parents=True, exist_ok=True)
    print(f"{'documents':>10} {'dedup RSS MB':>13} {'index B/doc':>12} {'ids B/doc':>10} {'stories RSS MB':>15} {'less dedup MB':>14} {'stories':>8}")
    for n in args.sizes:
        corpus = work / f"stream-{n}.jsonl"
        if not corpus.exists():
            stream(corpus, n)
        rss, report = peak([str(args.binary), "dedup", str(corpus), "-o", str(work / "dedup.jsonl")])
        stats = json.loads(report.splitlines()[-1])
        row = f"{n:>10} {rss / 1024:>13.1f} {stats['index_bytes'] / n:>12.1f} {stats['ids_bytes'] / n:>10.1f}"
        if not args.no_stories:
            srss, sreport = peak([str(args.binary), "stories", str(corpus), "-o", str(work / "stories.jsonl")])
            sstats = json.loads(sreport.splitlines()[-1])
            less = srss / 1024 - sstats["dedup_bytes"] / 2**20
            row += f" {srss / 1024:>15.1f} {less:>14.1f} {sstats['stories']:>8}"
        print(row, flush=True)


if __name__ == "__main__":
    main()

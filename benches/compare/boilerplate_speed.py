"""Boilerplate removal speed side by side with the peers, with the ScrapingHub F1 next to it.

A thin wrapper over benches/eval/boilerplate.py that runs only its HTML part: every ScrapingHub
dev page through textmill, trafilatura (favor_precision and defaults), readability-lxml and
resiliparse on one core, parse included, best of 3 passes taken in turns, in docs/s with textmill's speed over
the peer's, and the shingle F1/P/R/accuracy of the same run (the other benchmarks are left out).

Run:  .venv-bench/bin/python benches/compare/boilerplate_speed.py [DATA] [--systems ...] [--json out.json]
      [--passes N]
DATA defaults to ../shared/data/boilerplate from the repo root.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
import boilerplate  # noqa: E402

if __name__ == "__main__":
    argv = sys.argv[1:]
    if "-h" in argv or "--help" in argv:
        print(__doc__)
        sys.exit(0)
    boilerplate.main(argv + ["--only", "scrapinghub"])

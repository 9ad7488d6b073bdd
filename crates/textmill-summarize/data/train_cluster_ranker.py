"""Fits the ranked cluster method's weights (data/cluster_ranker.txt) on NeuS train.

The example `cluster_features` lists every candidate summary of every story (each article's lead,
with one sentence of another article added, one of its own dropped, or one replaced by another
article's) with the features of
src/ranked.rs and its ROUGE-1 and ROUGE-2 F1 against the story's reference roundup. A ridge
regression predicts ROUGE-1 + ROUGE-2 from the features, both taken relative to the story's mean
(only the order of a story's candidates matters), each feature scaled to unit variance. The method
takes the candidate with the highest score, so a model is judged by the ROUGE of the candidates it
picks: 5-fold by story on train (story i in fold i mod 5) for each ridge strength, the best
strength refitted on all of train. With --val, the validation split is scored once with the
refitted weights, for reporting; nothing is chosen on it.

Run (from the repository root): `make cluster-ranker`, or with a venv that has numpy
  cargo build --release -p textmill-summarize --example cluster_features
  python crates/textmill-summarize/data/train_cluster_ranker.py [DATA] [--val] [--write]
DATA defaults to ../shared/data/stories. Nothing is written without --write.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "target" / "release" / "examples" / "cluster_features"
MODEL_FILE = Path(__file__).resolve().parent / "cluster_ranker.txt"
ALPHAS = [0.1, 1.0, 10.0, 100.0, 1000.0]
FOLDS = 5


def candidates(path: Path) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, list[bool]]:
    """Feature names, and per candidate: its story's number, features, (ROUGE-1, ROUGE-2), and
    whether it is the lead of the story's most central article (the baseline)."""
    with path.open("rb") as stories:
        out = subprocess.run([str(EXAMPLE)], stdin=stories, capture_output=True, check=True)
    rows = out.stdout.decode().splitlines()
    names = json.loads(rows[0])["features"]
    story_ids: dict[str, int] = {}
    story, features, rouge, baseline = [], [], [], []
    for row in map(json.loads, rows[1:]):
        story.append(story_ids.setdefault(row["story"], len(story_ids)))
        features.append(row["features"])
        rouge.append((row["rouge1"], row["rouge2"]))
        f = dict(zip(names, row["features"]))
        baseline.append(f["base_rank"] == 0 and f["lead"] == 1)
    return names, np.array(story), np.array(features), np.array(rouge), baseline


def within_story(values: np.ndarray, story: np.ndarray) -> np.ndarray:
    """Values less their story's mean."""
    sums = np.zeros((story.max() + 1,) + values.shape[1:])
    np.add.at(sums, story, values)
    counts = np.maximum(np.bincount(story), 1).reshape((-1,) + (1,) * (values.ndim - 1))
    return values - (sums / counts)[story]


def fit(x: np.ndarray, y: np.ndarray, story: np.ndarray, alpha: float) -> np.ndarray:
    """Ridge weights on the raw features (story means taken out, features scaled, then unscaled)."""
    xc, yc = within_story(x, story), within_story(y, story)
    scale = xc.std(axis=0)
    scale[scale == 0] = 1.0
    xs = xc / scale
    w = np.linalg.solve(xs.T @ xs + alpha * np.eye(xs.shape[1]), xs.T @ yc)
    return w / scale


def picked(story: np.ndarray, score: np.ndarray, rouge: np.ndarray) -> np.ndarray:
    """Mean ROUGE x100 of the best-scored candidate of each story (the first of equals)."""
    best: dict[int, int] = {}
    for i, s in enumerate(story):
        if s not in best or score[i] > score[best[s]]:
            best[s] = i
    return 100 * rouge[list(best.values())].mean(axis=0)


def show(label: str, figures: np.ndarray) -> None:
    print(f"{label:48s} ROUGE-1 {figures[0]:.2f}  ROUGE-2 {figures[1]:.2f}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "stories")
    p.add_argument("--val", action="store_true", help="also score the validation split (reporting only)")
    p.add_argument("--write", action="store_true", help=f"write the weights to {MODEL_FILE.name}")
    args = p.parse_args()
    if not EXAMPLE.exists():
        raise SystemExit("build the example first: cargo build --release -p textmill-summarize --example cluster_features")

    names, story, x, rouge, baseline = candidates(args.data / "neus_train_mds.jsonl")
    y = rouge.sum(axis=1)
    print(f"train: {story.max() + 1} stories, {len(story)} candidates")
    show("most central article's lead", picked(story, np.array(baseline, float), rouge))
    show("oracle candidate", picked(story, y, rouge))
    fold = story % FOLDS
    results = {}
    for alpha in ALPHAS:
        score = np.zeros(len(y))
        for k in range(FOLDS):
            w = fit(x[fold != k], y[fold != k], story[fold != k], alpha)
            score[fold == k] = x[fold == k] @ w
        results[alpha] = picked(story, score, rouge)
        show(f"ranked, alpha {alpha:g}, {FOLDS}-fold by story", results[alpha])
    alpha = max(ALPHAS, key=lambda a: results[a].sum())
    weights = fit(x, y, story, alpha)
    print(f"chosen: alpha {alpha:g}")

    if args.val:
        _, vstory, vx, vrouge, vbaseline = candidates(args.data / "neus_val_mds.jsonl")
        print(f"val: {vstory.max() + 1} stories, {len(vstory)} candidates")
        show("most central article's lead", picked(vstory, np.array(vbaseline, float), vrouge))
        show("oracle candidate", picked(vstory, vrouge.sum(axis=1), vrouge))
        show(f"ranked, alpha {alpha:g}, fitted on train", picked(vstory, vx @ weights, vrouge))

    if args.write:
        header = (
            "# The ranked cluster method's weights (src/ranked.rs): one `feature weight` a line,\n"
            "# the candidate's score is the sum of feature x weight. Written by\n"
            "# data/train_cluster_ranker.py: ridge regression of ROUGE-1 + ROUGE-2 F1 against the\n"
            f"# reference roundup, relative to the story's mean, on NeuS train ({story.max() + 1} stories,\n"
            f"# {len(story)} candidates), alpha {alpha:g} chosen 5-fold by story.\n"
        )
        MODEL_FILE.write_text(header + "".join(f"{n} {w:.9g}\n" for n, w in zip(names, weights)))
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()

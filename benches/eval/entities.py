"""Named-entity quality: textmill side by side with spaCy's small English model.

What it measures (data described in shared/data/ner/SOURCES.md):
  - UNER English-EWT dev (uner_en_ewt_dev.jsonl) and UNER English-PUD (uner_en_pud.jsonl, news
    and Wikipedia sentences, evaluation only), which textmill's shipped model was not trained
    on: exact span + type, micro P/R/F1 over PER, ORG and LOC, and per type (conlleval-style).
    Each system reads every document as raw text (its sentences' `text` joined by newlines) and
    tokenises it itself; gold entities are mapped to character offsets by aligning the gold
    tokens to that text left to right. Predicted MISC (and spaCy's other types) are not scored:
    UNER does not annotate them.
  - Type mapping for spaCy (OntoNotes): PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC.
    textmill is asked for the CoNLL scheme directly.
--by-sentence runs the systems on one sentence at a time instead.

Run:  .venv-bench/bin/python benches/eval/entities.py [DATA] [--systems textmill,spacy] [--sets ewt,pud]
      [--model FILE] [--json out.json]
DATA defaults to ../shared/data/ner from the repo root.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import chosen_systems, import_textmill, load_spacy_model, parser, read_jsonl, table, write_json  # noqa: E402

SYSTEMS = ["textmill", "spacy"]
SETS = {"ewt": ("uner_en_ewt_dev.jsonl", "UNER English-EWT dev"), "pud": ("uner_en_pud.jsonl", "UNER English-PUD")}
SCORED = ("PER", "ORG", "LOC")
SPACY_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def align(tokens: list[str], text: str, offset: int) -> list[tuple[int, int]] | None:
    """Character spans of the gold tokens in text (left to right), or None if one is missing."""
    spans, pos = [], 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0:
            return None
        spans.append((offset + i, offset + i + len(tok)))
        pos = i + len(tok)
    return spans


def gold_documents(path: Path, by_sentence: bool) -> tuple[list[str], list[set], int]:
    """Texts and gold entity sets (start, end, type); also how many sentences could not be aligned."""
    texts, golds, skipped = [], [], 0
    for doc in read_jsonl(path):
        units = [[s] for s in doc["sents"]] if by_sentence else [doc["sents"]]
        for sents in units:
            text, gold = "", set()
            for s in sents:
                if text:
                    text += "\n"
                spans = align(s["tokens"], s["text"] or " ".join(s["tokens"]), len(text))
                text += s["text"] or " ".join(s["tokens"])
                if spans is None:
                    skipped += 1
                    continue
                start = None
                for i, tag in enumerate(s["tags"] + ["O"]):
                    if start is not None and not tag.startswith("I-"):
                        gold.add((spans[start][0], spans[i - 1][1], s["tags"][start][2:]))
                        start = None
                    if tag.startswith("B-") or (tag.startswith("I-") and start is None):
                        start = i
            texts.append(text)
            golds.append(gold)
    return texts, golds, skipped


def predict(name: str, texts: list[str], textmill, model: str | None) -> list[dict]:
    """Each text's entities as {(start, end, type): score}."""
    if name == "textmill":
        tagger = textmill.Tagger(scheme="conll", model=model)
        return [{(e.start, e.end, e.label): e.score for e in tagger.entities(t)} for t in texts]
    nlp = load_spacy_model()
    return [{(e.start_char, e.end_char, SPACY_MAP.get(e.label_, e.label_)): 1.0 for e in doc.ents}
            for doc in nlp.pipe(texts)]


def reliability(golds: list[set], predicted: list[dict]) -> list[list[str]]:
    """Rows of a reliability table: by score decile, how many entities and how many were right."""
    bins = [[0, 0, 0.0] for _ in range(10)]
    for gold, pred in zip(golds, predicted):
        for e, score in pred.items():
            if e[2] in SCORED:
                b = bins[min(int(score * 10), 9)]
                b[0] += 1
                b[1] += e in gold
                b[2] += score
    return [[f"{i / 10:.1f}-{(i + 1) / 10:.1f}", str(n), f"{right / n:.3f}", f"{total / n:.3f}"]
            for i, (n, right, total) in enumerate(bins) if n]


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    p = parser(__doc__, "ner", SYSTEMS)
    p.add_argument("--by-sentence", action="store_true", help="run the systems on each sentence alone")
    p.add_argument("--sets", default="ewt,pud", help="comma-separated: " + ", ".join(SETS))
    p.add_argument("--model", help="a textmill entity model file instead of the embedded one")
    args = p.parse_args()
    systems = chosen_systems(args.systems, SYSTEMS)
    textmill = import_textmill(systems)
    figures = {}
    for key in args.sets.split(","):
        file, title = SETS[key]
        figures[key] = evaluate_set(args, systems, textmill, args.data / file, title)
    write_json(args.json, figures)


def evaluate_set(args, systems, textmill, path: Path, title: str) -> dict:
    texts, golds, skipped = gold_documents(path, args.by_sentence)
    rows, figures = [], {}
    for name in systems:
        predicted = predict(name, texts, textmill, args.model)
        counts = {t: [0, 0, 0] for t in SCORED}
        for gold, pred in zip(golds, predicted):
            pred = {e for e in pred if e[2] in SCORED}
            for t in SCORED:
                g, q = {e for e in gold if e[2] == t}, {e for e in pred if e[2] == t}
                counts[t][0] += len(g & q)
                counts[t][1] += len(q)
                counts[t][2] += len(g)
        total = [sum(c[i] for c in counts.values()) for i in range(3)]
        scores = {t: prf(*counts[t]) for t in SCORED}
        scores["all"] = prf(*total)
        figures[name] = {t: dict(zip(("p", "r", "f1"), v)) for t, v in scores.items()}
        rows.append([name] + [f"{v:.3f}" for v in scores["all"]] + [f"{scores[t][2]:.3f}" for t in SCORED])
        if name == "textmill":
            calibration = reliability(golds, predicted)
    unit = "sentence" if args.by_sentence else "document"
    print(f"{title}, exact span+type, PER/ORG/LOC, one {unit} at a time"
          f" ({len(texts)} texts; {skipped} gold sentences not alignable, skipped)\n")
    print(table(["system", "P", "R", "F1", "PER F1", "ORG F1", "LOC F1"], rows))
    print()
    if "textmill" in systems:
        print("textmill's scores: how often an entity of each score decile is right\n")
        print(table(["score", "entities", "right", "mean score"], calibration))
        print()
    return figures


if __name__ == "__main__":
    main()

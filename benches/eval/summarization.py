"""Extractive summary quality: textmill side by side with Lead-3, the greedy oracle and sumy.

What it measures (data described in shared/data/summarization/SOURCES.md):
  - CNN/DailyMail validation (cnndm_val1000.jsonl), 3 sentences per article: ROUGE-1, ROUGE-2 and
    ROUGE-Lsum F1 against the highlights (one bullet per line), averaged over articles.
  - BBC News Summary (bbc_valid445.jsonl), a budget of 40% of the article's words: ROUGE-1 and
    ROUGE-2 F1 (the references are sentences glued without spaces, so Lsum is left out).
Scores come from the rouge-score package (use_stemmer=True) when it is installed, the reference
implementation; textmill's own scorer (textmill.rouge) is run on the same pairs and the largest
difference between the two is printed, per metric.

Systems:
  textmill            position-aware centrality, the default (textmill.summarize)
  textmill-pipeline   the same inside textmill.Pipeline (no cleaning), where entities are tagged
                      first and the document's main names add to the score (its default budget,
                      3 sentences, so CNN/DM only)
  textmill-lexrank    textmill's LexRank; textmill-textrank its TextRank
  lead                the first sentences (textmill's sentence splitter), until the budget is full
  oracle              greedy ROUGE oracle (textmill.rouge_oracle): an upper bound, not a system
  sumy-lexrank, sumy-textrank   sumy 0.13 with textmill's sentence splitter (sumy's own needs NLTK
                      punkt data, which cannot be downloaded here); on BBC they get 40% of the
                      sentences, as sumy budgets in sentences

Run:  .venv-bench/bin/python benches/eval/summarization.py [DATA] [--systems textmill,lead,...]
      [--limit N] [--json out.json]
DATA defaults to ../shared/data/summarization from the repo root.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import chosen_systems, parser, read_jsonl, table, write_json  # noqa: E402

SYSTEMS = ["textmill", "textmill-pipeline", "textmill-lexrank", "textmill-textrank", "lead", "oracle",
           "sumy-lexrank", "sumy-textrank"]
CNN_SENTENCES = 3
BBC_RATIO = 0.4


def sumy_summarizer(name: str):
    """A function (sentences, count) -> chosen sentence indices, running sumy on given sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    class Words:  # sumy's tokenizer interface, without NLTK data
        language = "english"

        def to_words(self, sentence):
            return re.findall(r"\w+", sentence)

    if name == "sumy-lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as Summarizer
    else:
        from sumy.summarizers.text_rank import TextRankSummarizer as Summarizer
    summarizer = Summarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = Words()

    def run(sentences: list[str], count: int) -> list[int]:
        doc = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
        chosen = {str(s) for s in summarizer(doc, count)}
        return [i for i, s in enumerate(sentences) if s in chosen]

    return run


def word_count(text: str) -> int:
    return len(text.split())


def system_runner(name: str, textmill):
    """A function (article, reference, budget) -> list of chosen sentence strings in document order.

    budget is ("sentences", n) or ("ratio", x)."""
    if name == "textmill-pipeline":
        pipeline = textmill.Pipeline(clean=False)

        def run(article, reference, budget):
            doc = pipeline.process(article, kind="text")
            return [doc.sentences[i].text for i in doc.summary]
        return run
    if name.startswith("textmill"):
        method = {"textmill": "pacsum", "textmill-lexrank": "lexrank", "textmill-textrank": "textrank"}[name]
        summarizer = textmill.Summarizer(method=method)

        def run(article, reference, budget):
            kind, value = budget
            chosen = summarizer.summarize(article, **{kind: value})
            return [s.text for s in chosen]
        return run
    if name == "lead":
        def run(article, reference, budget):
            sentences = [s.text for s in textmill.sentences(article)]
            kind, value = budget
            if kind == "sentences":
                return sentences[:value]
            limit, used, out = round(value * word_count(article)), 0, []
            for s in sentences:
                if used + word_count(s) > limit and out:
                    break
                out.append(s)
                used += word_count(s)
            return out
        return run
    if name == "oracle":
        def run(article, reference, budget):
            sentences = [s.text for s in textmill.sentences(article)]
            kind, value = budget
            count = value if kind == "sentences" else max(1, round(value * len(sentences)))
            return [sentences[i] for i in textmill.rouge_oracle(sentences, reference, count)]
        return run
    inner = sumy_summarizer(name)

    def run(article, reference, budget):
        sentences = [s.text for s in textmill.sentences(article)]
        kind, value = budget
        count = value if kind == "sentences" else max(1, round(value * len(sentences)))
        return [sentences[i] for i in inner(sentences, count)]
    return run


def reference_scorer():
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        return None
    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


METRICS = ["rouge1", "rouge2", "rougeLsum"]


def evaluate(name, run, docs, budget, joiner, textmill, scorer):
    totals = dict.fromkeys(METRICS, 0.0)
    worst_gap = dict.fromkeys(METRICS, 0.0)
    for d in docs:
        reference = d["highlights"]
        candidate = joiner.join(run(d["article"], reference, budget))
        ours = textmill.rouge(candidate, reference)
        theirs = scorer.score(reference, candidate) if scorer else None
        for m in METRICS:
            f = theirs[m].fmeasure if theirs else ours[m]["fmeasure"]
            totals[m] += f
            if theirs:
                worst_gap[m] = max(worst_gap[m], abs(f - ours[m]["fmeasure"]))
    n = max(1, len(docs))
    return {m: round(100 * totals[m] / n, 2) for m in METRICS}, worst_gap


def main() -> None:
    p = parser(__doc__, "summarization", SYSTEMS)
    p.add_argument("--limit", type=int, help="use only the first N articles of each set")
    args = p.parse_args()
    systems = chosen_systems(args.systems, SYSTEMS)
    import textmill  # every system uses textmill's sentence splitter, and the oracle its scorer

    scorer = reference_scorer()
    sets = [
        ("CNN/DM val", read_jsonl(args.data / "cnndm_val1000.jsonl"), ("sentences", CNN_SENTENCES), "\n"),
        ("BBC valid", read_jsonl(args.data / "bbc_valid445.jsonl"), ("ratio", BBC_RATIO), " "),
    ]
    figures = {"scorer": "rouge-score" if scorer else "textmill.rouge"}
    gaps = dict.fromkeys(METRICS, 0.0)
    rows = []
    for name in systems:
        run = system_runner(name, textmill)
        row = [name]
        for label, docs, budget, joiner in sets:
            if name == "textmill-pipeline" and budget != ("sentences", 3):
                row += ["-", "-"]  # the pipeline's summary has the default budget only
                continue
            docs = docs[: args.limit] if args.limit else docs
            scores, gap = evaluate(name, run, docs, budget, joiner, textmill, scorer)
            figures.setdefault(label, {})[name] = scores
            for m in METRICS:
                gaps[m] = max(gaps[m], gap[m])
            row += [scores["rouge1"], scores["rouge2"]] + ([scores["rougeLsum"]] if joiner == "\n" else [])
        rows.append(row)
        print(f"  {name} done", file=sys.stderr)
    print(f"ROUGE F1 x100 (scorer: {figures['scorer']}); CNN/DM: {CNN_SENTENCES} sentences, "
          f"BBC: {int(BBC_RATIO * 100)}% of the words\n")
    print(table(["system", "CNN R1", "CNN R2", "CNN RLsum", "BBC R1", "BBC R2"], rows))
    if scorer:
        print("\ntextmill.rouge vs rouge-score, largest per-document difference (F1, 0-1 scale): "
              + ", ".join(f"{m} {gaps[m]:.2e}" for m in METRICS))
        figures["scorer_max_difference"] = gaps
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

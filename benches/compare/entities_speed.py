"""Entity tagging speed: textmill side by side with spaCy's small English model, one core.

Input: every document of shared/data/ner/uner_en_ewt_dev.jsonl as raw text (sentences joined by
newlines), repeated to about 500,000 characters. tokens/s counts the tokens of textmill's
tokenizer in that text for every system, so the figures are comparable; each system's time
includes its own tokenisation. spaCy runs twice: the full small pipeline, and with only tok2vec +
ner enabled (its "NER alone" figure). Best of 3 runs for textmill, one run for spaCy. A last line
gives textmill's cold start: a fresh Python process building a Tagger (the embedded model read)
and tagging one sentence (the gazetteers read), best of 3.

Run:  .venv-bench/bin/python benches/compare/entities_speed.py [DATA] [--systems ...] [--json out.json]
DATA defaults to ../shared/data/ner from the repo root.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from common import (best_of, chosen_systems, import_textmill, load_spacy_model, one_core, parser,  # noqa: E402
                    read_jsonl, table, write_json)

SYSTEMS = ["textmill", "spacy-ner", "spacy-full"]
TARGET = 500_000


def load_spacy(ner_only: bool):
    nlp = load_spacy_model()
    if ner_only:
        for pipe in list(nlp.pipe_names):
            if pipe not in ("tok2vec", "ner"):
                nlp.disable_pipe(pipe)
    return nlp


def main() -> None:
    args = parser(__doc__, "ner", SYSTEMS).parse_args()
    systems = chosen_systems(args.systems, SYSTEMS)
    one_core()
    textmill = import_textmill(["textmill"])
    docs = ["\n".join(s["text"] or " ".join(s["tokens"]) for s in d["sents"])
            for d in read_jsonl(args.data / "uner_en_ewt_dev.jsonl")]
    texts = []
    while sum(map(len, texts)) < TARGET:
        texts.extend(docs)
    tokens = sum(len(textmill.tokens(t)) for t in texts)
    speeds = {}
    for name in systems:
        if name == "textmill":
            tagger = textmill.Tagger()
            seconds = best_of(3, lambda: [tagger.entities(t) for t in texts])
        else:
            nlp = load_spacy(name == "spacy-ner")
            start = time.perf_counter()
            for _ in nlp.pipe(texts):
                pass
            seconds = time.perf_counter() - start
        speeds[name] = tokens / seconds
    base = speeds.get("textmill")
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} chars, {tokens:,} tokens, one core\n")
    print(table(["system", "tokens/s", "textmill is"],
                [[n, f"{v:,.0f}", f"{base / v:.1f}x" if base else ""] for n, v in speeds.items()]))
    figures = {"tokens_per_s": speeds}
    if "textmill" in systems:
        probe = ("import time, textmill; t = time.perf_counter(); tagger = textmill.Tagger(); "
                 "tagger.entities('Kim met Putin in Moscow.'); print(time.perf_counter() - t)")
        cold = min(float(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                                        check=True).stdout) for _ in range(3))
        print(f"\ncold start (model and gazetteers loaded, first sentence tagged): {cold * 1000:.0f} ms")
        figures["cold_start_s"] = cold
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

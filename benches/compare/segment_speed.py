"""Segmentation speed: textmill side by side with its peers, one core, best of 3 runs.

The input is every EWT test and dev document text (shared/data/segmentation/ewt_*.jsonl) joined
with blank lines and repeated to about 2 MB. Slow peers get a prefix of about 200 KB (cut at a
paragraph break) and are scaled by their own length: M chars/s is always chars timed / seconds.
The ratio column is textmill's speed on the same task (sentences or tokens) over the peer's.
The offsets column tells whether the timed call gives offsets into the text (peers that return
strings need a search afterwards, not timed here).

Run:  .venv-bench/bin/python benches/compare/segment_speed.py [DATA] [--systems ...] [--json out.json]
DATA defaults to ../shared/data/segmentation from the repo root.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from common import (best_of, chosen_systems, import_textmill, one_core, parser, read_jsonl,  # noqa: E402
                    table, write_json)

SYSTEMS = ["textmill-sentences", "textmill-tokens", "pysbd", "blingfire", "sentencex",
           "spacy-sentencizer", "spacy-tokenizer"]
TARGET, PREFIX = 2_000_000, 200_000


def build_text(data: Path) -> str:
    docs = [d["text"] for split in ("test", "dev") for d in read_jsonl(data / f"ewt_{split}.jsonl")]
    one = "\n\n".join(docs)
    return "\n\n".join([one] * max(1, round(TARGET / len(one))))


def prefix(text: str, n: int = PREFIX) -> str:
    cut = text.find("\n\n", n)
    return text if cut < 0 else text[:cut]


def setup(name: str, text: str, textmill):
    """(task, input text, callable timed, offsets note)."""
    if name == "textmill-sentences":
        return "sentences", text, lambda: textmill.sentences(text), "yes"
    if name == "textmill-tokens":
        return "tokens", text, lambda: textmill.tokens(text), "yes"
    if name == "pysbd":
        import pysbd
        seg, t = pysbd.Segmenter(language="en", clean=False), prefix(text)
        return "sentences", t, lambda: seg.segment(t), "no (char_span=True is slower)"
    if name == "blingfire":
        import blingfire
        return "sentences", text, lambda: blingfire.text_to_sentences(text), "no (one string)"
    if name == "sentencex":
        import sentencex
        return "sentences", text, lambda: list(sentencex.segment("en", text)), "no (strings)"
    import spacy
    nlp = spacy.blank("en")
    if name == "spacy-sentencizer":
        nlp.add_pipe("sentencizer")
        t = prefix(text)
        paras = t.split("\n\n")
        return "sentences", t, lambda: [list(d.sents) for d in nlp.pipe(paras)], "yes (per paragraph)"
    if name == "spacy-tokenizer":
        paras = text.split("\n\n")
        return "tokens", text, lambda: list(nlp.tokenizer.pipe(paras)), "yes (per paragraph)"
    raise ValueError(name)


def main(argv=None) -> None:
    args = parser(__doc__, "segmentation", SYSTEMS).parse_args(argv)
    systems = chosen_systems(args.systems, SYSTEMS)
    textmill = import_textmill(["textmill"] if any(s.startswith("textmill") for s in systems) else [])
    one_core()
    text = build_text(args.data)
    print(f"input: {len(text):,} chars ({len(text.encode()):,} bytes), one core, best of 3\n")

    figures = {}
    for name in systems:
        task, t, fn, offsets = setup(name, text, textmill)
        fn()  # warm up (lazy tables, caches)
        secs = best_of(3, fn)
        figures[name] = {"task": task, "chars": len(t), "seconds": secs, "mchars_per_s": len(t) / secs / 1e6,
                         "offsets": offsets}
        print(f"  {name}: {secs:.3f} s", file=sys.stderr)

    rows = []
    for name, f in figures.items():
        ours = figures.get(f"textmill-{f['task']}")
        ratio = f"{ours['mchars_per_s'] / f['mchars_per_s']:.1f}x" if ours and not name.startswith("textmill") else "-"
        f["textmill_over_peer"] = ratio
        rows.append([name, f["task"], f"{f['chars']:,}", f"{f['seconds']:.3f}", f"{f['mchars_per_s']:.2f}", ratio,
                     f["offsets"]])
    print(table(["system", "task", "chars timed", "best s", "M chars/s", "textmill/peer", "offsets"], rows))
    write_json(args.json, figures)


if __name__ == "__main__":
    main()

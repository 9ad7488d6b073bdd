"""textmill: raw news and web articles in, clean annotated text out.

>>> import textmill
>>> doc = textmill.process("Kim Jong Un left Pyongyang on Monday. His train is slow.")
>>> [s.text for s in doc.sentences]
['Kim Jong Un left Pyongyang on Monday.', 'His train is slow.']

Offsets are code points: ``doc.text[s.start:s.end] == s.text`` for every span.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Union

from ._native import (
    Cleaned,
    Cleaner,
    ClusterSentence,
    Document,
    Entity,
    Keyphrase,
    Pipeline,
    Segmenter,
    Span,
    Summarizer,
    SummarySentence,
    Tagger,
    TextmillError,
    Token,
    __version__,
    rouge,
    rouge_oracle,
)

__all__ = [
    "Cleaned",
    "Cleaner",
    "ClusterSentence",
    "Document",
    "Entity",
    "Keyphrase",
    "Pipeline",
    "Segmenter",
    "Span",
    "Summarizer",
    "SummarySentence",
    "Tagger",
    "TextmillError",
    "Token",
    "__version__",
    "clean",
    "entities",
    "keyphrases",
    "paragraphs",
    "process",
    "process_batch",
    "rouge",
    "rouge_oracle",
    "sentences",
    "summarize",
    "summarize_cluster",
    "tokens",
]

Input = Union[str, bytes]

_pipeline: Optional[Pipeline] = None
_segmenter: Optional[Segmenter] = None
_cleaner: Optional[Cleaner] = None
_summarizers: Dict[str, Summarizer] = {}
_taggers: Dict[str, Tagger] = {}


def _default_pipeline() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        _pipeline = Pipeline()
    return _pipeline


def _default_segmenter() -> Segmenter:
    global _segmenter
    if _segmenter is None:
        _segmenter = Segmenter()
    return _segmenter


def _default_cleaner() -> Cleaner:
    global _cleaner
    if _cleaner is None:
        _cleaner = Cleaner()
    return _cleaner


def _summarizer(method: str) -> Summarizer:
    if method not in _summarizers:
        _summarizers[method] = Summarizer(method=method)
    return _summarizers[method]


def process(x: Input, kind: str = "auto", id: Optional[str] = None) -> Document:
    """Clean, normalise and segment one input (HTML or text; ``kind="auto"`` guesses)."""
    return _default_pipeline().process(x, kind=kind, id=id)


def process_batch(
    xs: Iterable[Input], kind: str = "auto", errors: str = "raise"
) -> List[Optional[Document]]:
    """Process many inputs on all cores, releasing the GIL. ``errors="skip"`` puts None in
    place of an input that fails instead of raising."""
    return _default_pipeline().process_batch(list(xs), kind=kind, errors=errors)


def clean(x: Input, kind: str = "auto") -> Cleaned:
    """Boilerplate removal: the clean text, the metadata and what was removed (and why)."""
    return _default_cleaner().clean(x, kind=kind)


def paragraphs(text: str) -> List[Span]:
    """Paragraphs of ``text`` as spans with code-point ``start``, ``end`` and ``text``."""
    return _default_segmenter().paragraphs(text)


def sentences(text: str) -> List[Span]:
    """Sentences of ``text`` as spans with code-point ``start``, ``end`` and ``text``."""
    return _default_segmenter().sentences(text)


def tokens(text: str) -> List[Token]:
    """Tokens of ``text`` with code-point ``start``, ``end``, ``text`` and ``kind``."""
    return _default_segmenter().tokens(text)


def summarize(
    text: str,
    sentences: Optional[int] = None,
    *,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
    order: str = "document",
    method: str = "pacsum",
) -> List[SummarySentence]:
    """An extractive summary of ``text``: the chosen sentences with ``start``, ``end``
    (code points), ``text``, ``index`` and ``score``. Give at most one budget (three sentences
    by default); ``order="score"`` puts the best first."""
    return _summarizer(method).summarize(
        text, sentences=sentences, words=words, chars=chars, ratio=ratio, order=order
    )


def summarize_cluster(
    texts: Iterable[str],
    sentences: Optional[int] = None,
    *,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
    order: str = "document",
    method: str = "pacsum",
) -> List[ClusterSentence]:
    """A summary of several articles on one story; each sentence names its article (``doc``)
    and the near-duplicates it stands for."""
    return _summarizer(method).summarize_cluster(
        list(texts), sentences=sentences, words=words, chars=chars, ratio=ratio, order=order
    )


def keyphrases(text: Union[str, Iterable[str]], n: int = 10) -> List[Keyphrase]:
    """The ``n`` best keyphrases of a text (or of several texts together), with every
    occurrence as ``(doc, start, end)``."""
    if isinstance(text, str):
        return _summarizer("pacsum").keyphrases(text, n)
    return _summarizer("pacsum").keyphrases_cluster(list(text), n)


def entities(text: str, scheme: str = "ontonotes") -> List[Entity]:
    """Named entities, numbers and dates of ``text``: ``start``, ``end`` (code points), ``text``,
    ``label``, ``score`` and ``canonical``. ``scheme="conll"`` gives PER, ORG, LOC and MISC."""
    if scheme not in _taggers:
        _taggers[scheme] = Tagger(scheme=scheme)
    return _taggers[scheme].entities(text)

"""textmill: raw news and web articles in, clean annotated text out.

>>> import textmill
>>> doc = textmill.process("Kim Jong Un left Pyongyang on Monday. His train is slow.")
>>> [s.text for s in doc.sentences]
['Kim Jong Un left Pyongyang on Monday.', 'His train is slow.']

Offsets are code points: ``doc.text[s.start:s.end] == s.text`` for every span.
"""

from __future__ import annotations

import gzip
import io
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from ._native import (
    Cleaned,
    Cleaner,
    ClusterSentence,
    ConfigError,
    Document,
    Entity,
    InputError,
    Keyphrase,
    ModelError,
    Pipeline,
    Segmenter,
    Span,
    Summarizer,
    Story,
    SummarySentence,
    Tagger,
    TextmillError,
    Token,
    __version__,
    rouge,
    rouge_oracle,
)
from ._native import run as _run
from . import _native

__all__ = [
    "Cleaned",
    "Cleaner",
    "ClusterSentence",
    "ConfigError",
    "Document",
    "Entity",
    "InputError",
    "Keyphrase",
    "ModelError",
    "Pipeline",
    "Segmenter",
    "Span",
    "Summarizer",
    "Stories",
    "Story",
    "SummarySentence",
    "Tagger",
    "TextmillError",
    "Token",
    "__version__",
    "clean",
    "entities",
    "keyphrases",
    "paragraphs",
    "pipe",
    "process",
    "process_batch",
    "read",
    "rouge",
    "rouge_oracle",
    "run",
    "sentences",
    "stories",
    "summarize",
    "summarize_cluster",
    "to_arrow",
    "to_pandas",
    "tokens",
]

Input = Union[str, bytes]

_pipeline: Optional[Pipeline] = None
_segmenter: Optional[Segmenter] = None
_cleaner: Optional[Cleaner] = None
_summarizers: Dict[Tuple[str, str], Summarizer] = {}
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


def _summarizer(method: str, cluster: str = "ranked") -> Summarizer:
    if (method, cluster) not in _summarizers:
        _summarizers[(method, cluster)] = Summarizer(method=method, cluster=cluster)
    return _summarizers[(method, cluster)]


def process(x: Input, kind: str = "auto", id: Optional[str] = None) -> Document:
    """Clean, normalise and segment one input (HTML or text; ``kind="auto"`` guesses)."""
    return _default_pipeline().process(x, kind=kind, id=id)


def process_batch(
    xs: Iterable[Input], kind: str = "auto", errors: str = "raise", threads: int = 0
) -> List[Optional[Document]]:
    """Process many inputs on ``threads`` workers (0: one per core), releasing the GIL, in
    order. ``errors="skip"`` puts None in place of an input that fails instead of raising
    ``InputError``. Ctrl-C stops the batch within a second."""
    return _default_pipeline().process_batch(xs, kind=kind, errors=errors, threads=threads)


def pipe(
    xs: Iterable[Input],
    batch_size: int = 256,
    *,
    kind: str = "auto",
    errors: str = "raise",
    threads: int = 0,
    pipeline: Optional[Pipeline] = None,
    progress: bool = False,
) -> Iterator[Optional[Document]]:
    """Documents of ``xs`` in order, as a stream: ``batch_size`` inputs are processed at a
    time, so an endless iterable works and memory stays bounded. ``progress=True`` shows a
    tqdm bar when tqdm is installed."""
    if isinstance(xs, (str, bytes)):
        raise TypeError("pipe takes an iterable of inputs, not one str or bytes")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    pipeline = pipeline or _default_pipeline()
    bar = None
    if progress:
        try:
            from tqdm.auto import tqdm

            bar = tqdm(unit="doc")
        except ImportError:
            bar = None
    batch: List[Input] = []
    try:
        for x in xs:
            batch.append(x)
            if len(batch) == batch_size:
                yield from pipeline.process_batch(batch, kind=kind, errors=errors, threads=threads)
                if bar is not None:
                    bar.update(len(batch))
                batch = []
        if batch:
            yield from pipeline.process_batch(batch, kind=kind, errors=errors, threads=threads)
            if bar is not None:
                bar.update(len(batch))
    finally:
        if bar is not None:
            bar.close()


def run(
    inputs: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
    output: Union[str, os.PathLike],
    *,
    pipeline: Optional[Pipeline] = None,
    fields: Optional[str] = None,
    threads: int = 0,
    resume: bool = False,
    **options: Any,
) -> Dict[str, Any]:
    """The corpus run of ``textmill run`` from Python: reads ``inputs`` (files, folders, glob
    patterns; JSONL, text, HTML, WARC, Parquet, compressed or not) and writes ``output`` (a
    folder, a .jsonl(.gz/.zst) or a .parquet file). Other options: ``rank``, ``world_size``,
    ``shard_records``, ``shard_bytes``, ``text_field``, ``html_field``, ``id_field``,
    ``url_field``, ``max_bytes``. Returns the run's stats (``stats.json``)."""
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    return _run([os.fspath(i) for i in inputs], os.fspath(output), pipeline=pipeline,
                fields=fields, threads=threads, resume=resume, **options)


def _open_lines(path: str) -> io.TextIOBase:
    with open(path, "rb") as f:
        magic = f.read(4)
    if magic[:2] == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if magic == b"\x28\xb5\x2f\xfd":
        try:
            import zstandard
        except ImportError as e:
            raise InputError(f"{path}: reading .zst needs the zstandard package") from e
        return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb")),
                                encoding="utf-8")
    return open(path, encoding="utf-8")


def read(path: Union[str, os.PathLike], errors: str = "skip") -> Iterator[Document]:
    """The documents of a ``textmill run`` output (.jsonl, .jsonl.gz; .jsonl.zst with the
    zstandard package; a folder means its documents.jsonl, or all its shards), in order. Error
    records are passed over (``errors="skip"``) or raise ``InputError`` (``errors="raise"``)."""
    path = os.fspath(path)
    paths = [path]
    if os.path.isdir(path):
        paths = _run_files(path)
    import json

    for path in paths:
        with _open_lines(path) as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                if '"error"' in line and json.loads(line).get("error") is not None:
                    if errors == "raise":
                        raise InputError(f"{path}:{number}: an error record: {line.strip()[:200]}")
                    continue
                yield Document.from_json(line)


def _run_files(folder: str) -> List[str]:
    """The output files of a run into ``folder``: documents.jsonl(.gz/.zst), or its shards in
    order (``documents.shard-00000.jsonl``, ranks too); never a ``.partial`` (or, left by a
    resumed run, ``.partial.resume``) file."""
    names = sorted(n for n in os.listdir(folder) if n.startswith("documents.")
                   and ".jsonl" in n and ".partial" not in n)
    if not names:
        raise InputError(f"{folder}: no documents.jsonl or shards of it (is it a run's output?)")
    return [os.path.join(folder, n) for n in names]


def to_arrow(docs: Iterable[Optional[Document]], fields: Optional[str] = None,
             table: str = "documents") -> Any:
    """A pyarrow Table of documents, one row per document (None, a skipped input, gives a row of
    nulls), with the fields of ``textmill run`` (``fields="all"`` or names such as
    ``"id,text,entities"``); or, with ``table="entities"``, one row per entity: ``doc`` (the
    document's position), ``id``, ``start``, ``end``, ``text``, ``label``, ``score``,
    ``canonical``. Needs pyarrow; the data pass through the Arrow C stream interface."""
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError("to_arrow needs pyarrow: pip install pyarrow") from e
    return pyarrow.table(_native.to_arrow(list(docs), fields=fields, table=table))


def to_pandas(docs: Iterable[Optional[Document]], fields: Optional[str] = None,
              table: str = "documents") -> Any:
    """``to_arrow(...)`` as a pandas DataFrame (nested fields as lists of dicts). Needs pandas
    and pyarrow."""
    return to_arrow(docs, fields=fields, table=table).to_pandas()


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
    titles: Optional[Iterable[str]] = None,
    words: Optional[int] = None,
    chars: Optional[int] = None,
    ratio: Optional[float] = None,
    order: str = "document",
    method: str = "pacsum",
    cluster: str = "ranked",
) -> List[ClusterSentence]:
    """A summary of several articles on one story; each sentence names its article (``doc``)
    and the near-duplicates it stands for. ``cluster="ranked"`` (the default) scores candidate
    summaries (each article's lead, with a sentence of another added, one of its own dropped, or
    one replaced by another's)
    by learned weights over what they share with the other articles and with the ``titles``
    (one per text, optional); ``"central"`` takes the lead of the article that shares most words
    with the others; ``"pooled"`` picks sentences from every article."""
    return _summarizer(method, cluster).summarize_cluster(
        list(texts),
        titles=None if titles is None else list(titles),
        sentences=sentences,
        words=words,
        chars=chars,
        ratio=ratio,
        order=order,
    )


class Stories(List[Story]):
    """The stories of :func:`stories`, in the order they started: a list that renders itself in
    a notebook and becomes a DataFrame, one row per story."""

    def to_pandas(self) -> Any:
        """id, title, documents (ids), entities (names), keyphrases, first and last date, and
        the summary (its sentences joined) of each story."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "id": s.id,
                    "title": s.title,
                    "documents": s.documents,
                    "entities": [e["text"] for e in s.entities],
                    "keyphrases": s.keyphrases,
                    "first": s.dates["first"],
                    "last": s.dates["last"],
                    "summary": " ".join(sentence["text"] for sentence in s.summary),
                }
                for s in self
            ],
            columns=["id", "title", "documents", "entities", "keyphrases", "first", "last",
                     "summary"],
        )

    def _repr_html_(self) -> str:
        return "".join(s._repr_html_() for s in self)


def stories(docs: Iterable[Union[Document, Input]],
            config: Optional[Dict[str, Any]] = None) -> Stories:
    """Groups documents, in the order they arrived, into stories: near-duplicates joined to
    their originals, the rest clustered by names, content and dates. ``docs`` holds Documents
    (from :func:`process`, :func:`read`, ...) or texts, processed first. ``config`` is the
    ``StoriesConfig`` as a dict: ``{"dedup": {...}, "cluster": {...}, "output": {...}}``."""
    return Stories(_native.stories(list(docs), config))


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

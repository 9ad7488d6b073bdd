"""Arrow record batches in, Arrow record batches out: the one function behind Dask, Ray Data and
Spark (``mapInArrow``). Needs pyarrow.

>>> import pyarrow as pa
>>> from textmill.arrow import process_batches
>>> batch = pa.record_batch({"text": ["Rain fell on Oslo. It stopped."]})
>>> out = next(process_batches([batch]))
>>> out.column("sentences").to_pylist()[0][1]["text"]
'It stopped.'

Each output batch has a row per input row: the document fields chosen by ``fields`` (the
default of ``textmill run``: id, text, metadata, sentences, entities, summary, source) and an
``error`` struct, null where the row gave a document. Rows whose text is null, and inputs that
fail, are error rows, never dropped.
"""

from __future__ import annotations

import pickle
from typing import Any, Dict, Iterable, Iterator, Optional

import pyarrow as pa

from . import _native
from ._native import Pipeline

__all__ = ["BatchProcessor", "process_batches", "schema"]


def schema(fields: Optional[str] = None) -> pa.Schema:
    """The schema of the batches that ``process_batches`` gives (Spark's ``mapInArrow`` and Ray
    need it up front)."""
    return pa.table(_native.documents_schema(fields)).schema


# Pipelines built in this process, by their pickled form: a worker builds each once.
_built: Dict[bytes, Pipeline] = {}


def _pipeline_of(state: bytes) -> Pipeline:
    """The pipeline pickled as ``state``, built once per process."""
    built = _built.get(state)
    if built is None:
        built = _built[state] = pickle.loads(state)
    return built


class BatchProcessor:
    """A picklable callable from a record batch (or a pyarrow Table or pandas DataFrame) to a
    record batch of documents. It ships as the pipeline's settings and builds the pipeline
    once per process, on first use."""

    def __init__(
        self,
        pipeline: Optional[Pipeline] = None,
        *,
        column: str = "text",
        id_column: Optional[str] = None,
        kind: str = "auto",
        fields: Optional[str] = None,
        threads: int = 0,
    ) -> None:
        self._pipeline_state = pickle.dumps(pipeline or Pipeline())
        self.column = column
        self.id_column = id_column
        self.kind = kind
        self.fields = fields
        self.threads = threads
        # Checks the settings here, not on a worker.
        schema(fields)

    @property
    def pipeline(self) -> Pipeline:
        return _pipeline_of(self._pipeline_state)

    def __call__(self, batch: Any) -> pa.RecordBatch:
        if isinstance(batch, pa.Table):
            batch = batch.combine_chunks().to_batches()
            batch = batch[0] if batch else None
        elif not hasattr(batch, "__arrow_c_array__") and hasattr(batch, "columns"):
            batch = pa.RecordBatch.from_pandas(batch, preserve_index=False)
        if batch is None:
            return pa.RecordBatch.from_pylist([], schema=schema(self.fields))
        out = _native.process_arrow(
            self.pipeline,
            batch,
            column=self.column,
            id_column=self.id_column,
            kind=self.kind,
            fields=self.fields,
            threads=self.threads,
        )
        return pa.record_batch(out)

    def __repr__(self) -> str:
        return (f"BatchProcessor(column={self.column!r}, id_column={self.id_column!r}, "
                f"kind={self.kind!r}, fields={self.fields!r}, threads={self.threads})")


def process_batches(
    batches: Iterable[Any],
    *,
    pipeline: Optional[Pipeline] = None,
    column: str = "text",
    id_column: Optional[str] = None,
    kind: str = "auto",
    fields: Optional[str] = None,
    threads: int = 0,
) -> Iterator[pa.RecordBatch]:
    """Processes the ``column`` of each record batch (str or bytes; HTML or text), in order,
    one output batch per input batch. ``id_column`` names a string column of ids (else ids are
    row numbers within the batch)."""
    process = BatchProcessor(pipeline, column=column, id_column=id_column, kind=kind,
                             fields=fields, threads=threads)
    for batch in batches:
        yield process(batch)

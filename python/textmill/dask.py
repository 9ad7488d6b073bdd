"""textmill over Dask: a DataFrame column or a Bag of inputs, processed partition by partition on
the workers (one pipeline per worker process, built on first use). Needs dask; DataFrames need
pandas and pyarrow.

>>> import dask.dataframe as dd, pandas as pd
>>> import textmill.dask
>>> frame = dd.from_pandas(pd.DataFrame({"text": ["Rain fell on Oslo. It stopped."]}), npartitions=1)
>>> docs = textmill.dask.process(frame, column="text")
>>> docs.compute()["sentences"][0][1]["text"]
'It stopped.'
"""

from __future__ import annotations

import pickle
from typing import Any, List, Optional

from ._native import Document, Pipeline

__all__ = ["process"]


def _to_pandas(data: Any) -> Any:
    """Arrow-backed pandas columns: nested fields stay Arrow data (no Python dict per sentence),
    so partitions convert and travel between processes at Arrow speed."""
    import pandas as pd

    return data.to_pandas(types_mapper=pd.ArrowDtype)


class _Partition:
    """A pandas partition to a pandas frame of documents with the same index."""

    def __init__(self, process: Any) -> None:
        self.process = process

    def __call__(self, frame: Any) -> Any:
        import pyarrow as pa

        columns = [self.process.column] + ([self.process.id_column] if self.process.id_column else [])
        batch = pa.RecordBatch.from_pandas(frame[columns], preserve_index=False)
        out = _to_pandas(self.process(batch))
        out.index = frame.index
        return out


class _Items:
    """A Bag partition (an iterable of str or bytes) to a list of Documents (None for an input
    that fails, with ``errors="skip"``)."""

    def __init__(self, pipeline: Pipeline, kind: str, errors: str, threads: int) -> None:
        # Shipped as the pipeline's pickled settings; built once per worker process.
        self.pipeline_state = pickle.dumps(pipeline)
        self.kind = kind
        self.errors = errors
        self.threads = threads

    def __call__(self, items: Any) -> List[Optional[Document]]:
        from .arrow import _pipeline_of

        return _pipeline_of(self.pipeline_state).process_batch(
            list(items), kind=self.kind, errors=self.errors, threads=self.threads)


def process(
    data: Any,
    column: str = "text",
    *,
    pipeline: Optional[Pipeline] = None,
    id_column: Optional[str] = None,
    kind: str = "auto",
    fields: Optional[str] = None,
    errors: str = "raise",
    threads: int = 1,
) -> Any:
    """Processes a dask DataFrame's ``column`` into a dask DataFrame with the same index: the
    document fields chosen by ``fields`` and an ``error`` column (null where the row gave a
    document), as Arrow-backed pandas columns (``pd.ArrowDtype``); or a dask Bag of str/bytes into a Bag of Documents (``errors="skip"`` gives None
    for an input that fails). ``threads`` are textmill's threads inside each Dask task (1: let
    Dask's workers and threads make the parallelism)."""
    import dask.bag

    pipeline = pipeline or Pipeline()
    if isinstance(data, dask.bag.Bag):
        return data.map_partitions(_Items(pipeline, kind, errors, threads))
    from .arrow import BatchProcessor, schema

    processor = BatchProcessor(pipeline, column=column, id_column=id_column, kind=kind,
                               fields=fields, threads=threads)
    meta = _to_pandas(schema(fields).empty_table())
    return data.map_partitions(_Partition(processor), meta=meta)

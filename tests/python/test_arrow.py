"""DataFrames and Arrow: tables of documents and entities, record batches in and out, and Dask on
a real two-process cluster giving what process_batch gives."""

import pickle

# Optional dependencies of the package, installed by `make test`.
import dask.bag as db
import dask.dataframe as dd
import distributed
import pandas as pd
import pyarrow as pa
import pytest

import textmill
import textmill.dask

TEXTS = [
    "Angela Merkel met Emmanuel Macron in Paris on Monday. They talked about trade for hours.",
    "Rain fell on Oslo. It stopped by noon.",
    "Der Zug nach Berlin war voll. Niemand sprach.",
]


def test_a_documents_table_has_a_row_per_document_with_the_run_fields():
    docs = textmill.process_batch(TEXTS)
    table = textmill.to_arrow(docs)
    assert table.num_rows == 3
    assert table.column_names == ["id", "text", "metadata", "sentences", "entities", "summary",
                                  "source"]
    rows = table.to_pylist()
    for doc, row in zip(docs, rows):
        assert row["text"] == doc.text
        assert [s["text"] for s in row["sentences"]] == [s.text for s in doc.sentences]
        assert [(e["start"], e["end"], e["label"]) for e in row["entities"]] == \
            [(e.start, e.end, e.label) for e in doc.entities]
        assert row["summary"] == doc.summary
    # The same record as JSON, field for field.
    assert rows[0]["metadata"]["title"] == docs[0].metadata["title"]
    every = textmill.to_arrow(docs, fields="all")
    assert "tokens" in every.column_names and "error" not in every.column_names
    assert [t["kind"] for t in every.column("tokens")[1].as_py()[:2]] == ["word", "word"]


def test_a_skipped_input_is_a_row_of_nulls_and_bad_names_are_errors():
    docs = textmill.process_batch([TEXTS[1], 42], errors="skip")
    frame = textmill.to_pandas(docs, fields="id,text")
    assert len(frame) == 2 and frame["text"][0] == TEXTS[1] and pd.isna(frame["text"][1])
    with pytest.raises(textmill.ConfigError, match="tokenz"):
        textmill.to_arrow(docs, fields="id,tokenz")
    with pytest.raises(ValueError, match="documents"):
        textmill.to_arrow(docs, table="people")


def test_the_entity_table_has_a_row_per_entity_with_its_document():
    docs = textmill.process_batch(TEXTS)
    frame = textmill.to_pandas(docs, table="entities")
    assert len(frame) == sum(len(d.entities) for d in docs) >= 3
    assert list(frame.columns) == ["doc", "id", "start", "end", "text", "label", "score",
                                   "canonical"]
    for row in frame.itertuples():
        doc = docs[row.doc]
        assert doc.text[row.start:row.end] == row.text
        assert row.id == doc.id
    people = frame[frame.label == "PERSON"].text.tolist()
    assert "Angela Merkel" in people


def test_record_batches_in_give_a_row_per_row_and_errors_in_place():
    from textmill.arrow import BatchProcessor, process_batches, schema

    batch = pa.record_batch({"id": ["a", "b", "c"], "body": [TEXTS[0], None, TEXTS[1]]})
    (out,) = process_batches([batch], column="body", id_column="id")
    assert out.schema == schema()
    rows = out.to_pylist()
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["error"] is None and rows[2]["text"] == TEXTS[1]
    assert rows[1]["text"] is None
    assert rows[1]["error"]["kind"] == "field" and rows[1]["error"]["record"] == 2
    # Large strings, string views and bytes are columns of text too.
    for array in (pa.array(TEXTS, pa.large_string()), pa.array(TEXTS, pa.string_view()),
                  pa.array([t.encode() for t in TEXTS], pa.binary())):
        (same,) = process_batches([pa.record_batch({"text": array})])
        assert same.column("text").to_pylist() == TEXTS
    # A processor pickles as its settings and builds its pipeline once per process.
    process = pickle.loads(pickle.dumps(BatchProcessor(textmill.Pipeline(summarize=False),
                                                       fields="id,summary")))
    assert process(batch.rename_columns(["id", "text"])).column("summary").to_pylist()[0] == []
    assert process.pipeline is process.pipeline
    with pytest.raises(textmill.ConfigError, match="no column \"text\""):
        process(pa.record_batch({"body": TEXTS}))
    with pytest.raises(textmill.ConfigError, match="not strings"):
        process(pa.record_batch({"text": [1, 2]}))


def plain(value):
    """A pandas cell as plain Python data (pandas gives nested lists as numpy arrays)."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        value = value.tolist()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def test_dask_on_a_two_process_cluster_gives_what_process_batch_gives():
    texts = [f"Story {i} was filed in London. It names Kim Jong Un and {i} others." for i in
             range(40)] + TEXTS
    frame = pd.DataFrame({"id": [f"d{i}" for i in range(len(texts))], "text": texts},
                         index=range(100, 100 + len(texts)))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        ddf = dd.from_pandas(frame, npartitions=4)
        got = textmill.dask.process(ddf, column="text", id_column="id").compute()
        bag = db.from_sequence(texts, npartitions=3)
        docs = textmill.dask.process(bag).compute()
    expected = textmill.process_batch(texts)
    assert list(got.index) == list(frame.index)
    assert got["error"].isna().all()
    want = textmill.to_pandas(expected)
    for column in ("text", "metadata", "sentences", "entities", "summary"):
        assert plain(got[column].tolist()) == plain(want[column].tolist()), column
    assert got["id"].tolist() == frame["id"].tolist()
    assert [d.to_dict() | {"id": ""} for d in docs] == [d.to_dict() | {"id": ""} for d in expected]

"""The package as a library for batches and processes: value types, pickling, configs, the
batch engine (errors per item, order, Ctrl-C), fork safety, corpus runs and reading them back."""

import copy
import json
import multiprocessing
import os
import pickle
import signal
import threading
import time

import pytest

import textmill

ARTICLE = ("North Korean leader Kim Jong Un arrived in Russia on Tuesday. He met President "
           "Vladimir Putin at a space centre. The two leaders talked for hours about weapons. ") * 3


def test_value_types_compare_sort_hash_and_pickle():
    doc = textmill.process(ARTICLE)
    assert doc.sentences[0] == doc.sentences[0]
    assert doc.sentences[0] in doc.sentences
    assert sorted(reversed(doc.sentences)) == doc.sentences
    assert len({*doc.tokens, *doc.tokens}) == len(doc.tokens)
    assert sorted(doc.entities, reverse=True)[-1] == min(doc.entities)
    for value in (doc.sentences[0], doc.tokens[3], doc.entities[0], doc):
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.deepcopy(value) == value
    assert textmill.Span(0, 5, "North") == doc.sentences[0].__class__(0, 5, "North")


def test_documents_come_back_from_json_and_from_dicts():
    doc = textmill.process(ARTICLE, id="a")
    assert textmill.Document.from_json(doc.to_json()) == doc
    assert textmill.Document.from_dict(doc.to_dict()) == doc
    lean = textmill.Document.from_json(json.dumps({"id": "x", "text": "Only text."}))
    assert (lean.text, lean.tokens, lean.entities) == ("Only text.", [], [])
    with pytest.raises(textmill.InputError, match="not a document record"):
        textmill.Document.from_json("{broken")


def test_pipelines_take_the_whole_config_and_name_an_unknown_setting():
    p = textmill.Pipeline({"summarizer": {"method": "lead"}}, tag=False)
    assert p.config["summarizer"]["method"] == "lead" and p.config["tag"] is False
    doc = p.process(ARTICLE)
    assert doc.entities == [] and doc.summary == [0, 1, 2]
    with pytest.raises(textmill.ConfigError, match="colour"):
        textmill.Pipeline(colour="red")
    with pytest.raises(textmill.ConfigError, match="methd"):
        textmill.Pipeline({"summarizer": {"methd": "lead"}})
    with pytest.raises(textmill.ModelError, match="no-such-model"):
        textmill.Pipeline(model="no-such-model.bin")
    again = pickle.loads(pickle.dumps(p))
    assert again.config == p.config and again.process(ARTICLE) == doc


def test_batches_keep_order_skip_bad_items_and_refuse_a_lone_string():
    texts = [f"Story {i} starts here. It ends there." for i in range(50)]
    docs = textmill.process_batch(texts, kind="text", threads=2)
    assert [d.text for d in docs] == [textmill.process(t, kind="text").text for t in texts]
    mixed = ["Fine text. Two sentences.", 42, b"\x00\xff\x01\xfe not text", "Also fine. Yes."]
    out = textmill.process_batch(mixed, kind="text", errors="skip")
    assert [d is None for d in out] == [False, True, True, False]
    with pytest.raises(textmill.InputError, match="input 1"):
        textmill.process_batch(mixed, kind="text")
    with pytest.raises(TypeError, match="not one str"):
        textmill.process_batch("abc")
    # A lone surrogate (json.loads of an escaped half pair) becomes U+FFFD, not a crash.
    broken = json.loads('"Caf\\ud800 opened. It is new."')
    assert "\ufffd" in textmill.process_batch([broken], kind="text")[0].text
    assert "\ufffd" in textmill.process(broken, kind="text").text


def test_pipe_streams_in_order_in_bounded_batches():
    texts = (f"Item {i} is here. It is short." for i in range(25))
    ids = [d.text.split()[1] for d in textmill.pipe(texts, batch_size=4, kind="text")]
    assert ids == [str(i) for i in range(25)]


def _batch_in_child(_):
    return len(textmill.process_batch(["One. Two.", "Three. Four."], kind="text"))


def test_a_fork_after_a_batch_does_not_hang():
    textmill.process_batch(["Warm the pool up. Now."] * 8, kind="text")
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        result = pool.map_async(_batch_in_child, range(4))
        assert result.get(timeout=60) == [2, 2, 2, 2]


def test_ctrl_c_stops_a_long_batch_within_a_second():
    texts = [ARTICLE * 20] * 4000
    # A process started in the background has SIGINT ignored; Python's own handler is what a
    # user at a terminal has.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            textmill.process_batch(texts, kind="text")
        assert time.monotonic() - started < 2.5
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)


def test_run_writes_a_corpus_and_read_gives_its_documents_back(tmp_path):
    corpus = tmp_path / "in.jsonl"
    records = [{"id": f"r{i}", "text": f"Record {i} begins. It ends."} for i in range(6)]
    records.insert(3, {"id": "bad", "title": "no text"})
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
    stats = textmill.run(corpus, tmp_path / "out", shard_records=4)
    assert (stats["documents"], stats["errors"]) == (6, 1)
    shards = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("documents"))
    assert shards == ["documents.shard-00000.jsonl", "documents.shard-00001.jsonl"]
    docs = [d for s in shards for d in textmill.read(tmp_path / "out" / s)]
    assert [d.id for d in docs] == [f"r{i}" for i in range(6)]
    assert docs[0].sentences[0].text == "Record 0 begins."
    # The folder: all its shards in order, and not what an interrupted run left beside them.
    for leftover in ["documents.shard-00002.jsonl.partial", "documents.shard-00002.jsonl.partial.resume"]:
        (tmp_path / "out" / leftover).write_text(json.dumps({"id": "half", "text": "Half."}) + "\n")
    assert [d.id for d in textmill.read(tmp_path / "out")] == [d.id for d in docs]
    with pytest.raises(textmill.InputError, match="no documents.jsonl"):
        list(textmill.read(tmp_path))
    with pytest.raises(textmill.InputError, match="error record"):
        list(textmill.read(tmp_path / "out" / shards[0], errors="raise"))
    with pytest.raises(textmill.ConfigError, match="also an input"):
        textmill.run(corpus, corpus)


def test_pickled_documents_keep_every_score_to_the_last_bit():
    # Entity scores go through the JSON record; a parse that is not correctly rounded changed
    # one in ten of these documents by one unit in the last place.
    docs = textmill.process_batch(
        [f"Story {i} was filed in London. It names Kim Jong Un and {i} others." for i in range(50)])
    assert pickle.loads(pickle.dumps(docs)) == docs

"""Entities from Python: offsets, labels, schemes, and the document view."""

from pathlib import Path

import pytest

import textmill

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TEXT = "Vladimir Putin met Kim Jong Un in Vladivostok on Tuesday. Later, Putin’s aides said the talks went well."


def test_entities_have_code_point_offsets_labels_and_canonical_forms():
    found = textmill.entities(TEXT)
    for e in found:
        assert TEXT[e.start : e.end] == e.text
        assert 0.0 <= e.score <= 1.0
    labels = {e.text: e.label for e in found}
    assert labels["Vladimir Putin"] == "PERSON"
    assert labels["Vladivostok"] == "GPE"
    assert labels["Tuesday"] == "DATE"
    later = [e for e in found if e.text == "Putin"]
    assert later and later[0].canonical == "Vladimir Putin"


def test_conll_scheme_and_bad_arguments():
    found = textmill.entities(TEXT, scheme="conll")
    assert {e.label for e in found} <= {"PER", "ORG", "LOC", "MISC"}
    assert "Tuesday" not in [e.text for e in found]
    with pytest.raises(ValueError):
        textmill.entities(TEXT, scheme="bio")
    with pytest.raises(textmill.TextmillError):
        textmill.Tagger(model=str(EXAMPLES / "README.md"))


def test_documents_carry_entities_and_render_them():
    doc = textmill.process((EXAMPLES / "kim-putin-meeting.html").read_bytes())
    assert any(e.text == "Kim Jong Un" and e.label == "PERSON" for e in doc.entities)
    html = doc._repr_html_()
    assert "<mark" in html and "summary" in html
    bare = textmill.Pipeline(tag=False, summarize=False).process(TEXT)
    assert bare.entities == [] and bare.summary == []


def test_a_tagger_scores_itself_on_a_tagged_file_as_train_ner_does(tmp_path):
    import json

    dev = tmp_path / "dev.jsonl"
    sentences = [
        (["Angela", "Merkel", "visited", "Paris", "on", "Monday", "."],
         ["B-PER", "I-PER", "O", "B-LOC", "O", "O", "O"]),
        (["Siemens", "hired", "John", "Smith", "in", "Berlin", "."],
         ["B-ORG", "O", "B-PER", "I-PER", "O", "B-LOC", "O"]),
    ]
    dev.write_text(json.dumps({"sents": [{"tokens": t, "tags": g} for t, g in sentences]}) + "\n")
    scores = textmill.Tagger(scheme="conll").evaluate(dev)
    assert scores["all"]["gold"] == 5 and scores["PER"]["gold"] == 2
    assert "MISC" not in scores, "a type the file does not annotate is not scored"
    assert scores["PER"]["correct"] >= 2 and 0.5 < scores["all"]["f1"] <= 1.0
    with pytest.raises(textmill.InputError):
        textmill.Tagger().evaluate(tmp_path / "missing.jsonl")


def test_min_score_leaves_out_the_names_scored_below_it():
    every = textmill.Tagger(min_score=0.0).entities(TEXT)
    default = textmill.Tagger().entities(TEXT)
    strict = textmill.Tagger(min_score=0.99).entities(TEXT)
    assert {e.text for e in default} <= {e.text for e in every}
    assert all(e.score >= 0.4 for e in default)
    assert [e.text for e in strict] == [e.text for e in every if e.score >= 0.99]
    assert len(strict) < len(every)
    with pytest.raises(textmill.ConfigError, match="min_score"):
        textmill.Tagger(min_score=1.5)

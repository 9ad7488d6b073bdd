"""Summaries, clusters, keyphrases and ROUGE from Python."""

from pathlib import Path

import pytest

import textmill

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def article(name: str) -> str:
    return textmill.clean((EXAMPLES / name).read_text(encoding="utf-8"), kind="text").text


def test_summary_sentences_carry_code_point_offsets_and_scores():
    text = article("kim-putin-meeting.txt")
    chosen = textmill.summarize(text)
    assert len(chosen) == 3
    assert chosen[0].text.startswith("A luxury armored train")
    assert [s.index for s in chosen] == sorted(s.index for s in chosen)
    for s in chosen:
        assert text[s.start : s.end] == s.text
    best_first = textmill.summarize(text, order="score")
    assert [s.score for s in best_first] == sorted((s.score for s in chosen), reverse=True)


def test_budgets_and_methods():
    text = article("kim-putin-train.txt")
    assert sum(len(s.text.split()) for s in textmill.summarize(text, words=50)) <= 50
    assert sum(len(s.text) for s in textmill.summarize(text, chars=300)) <= 300
    assert len(textmill.summarize(text, 1)) == 1
    for method in ("lexrank", "textrank", "lead"):
        assert len(textmill.summarize(text, sentences=2, method=method)) == 2
    assert [s.index for s in textmill.summarize(text, 2, method="lead")] == [0, 1]
    with pytest.raises(ValueError):
        textmill.summarize(text, sentences=2, words=10)
    with pytest.raises(ValueError):
        textmill.summarize(text, method="bert")
    scores = textmill.Summarizer().sentence_scores(text)
    assert len(scores) == len(textmill.sentences(text))


def test_short_and_empty_texts_return_what_they_have():
    assert textmill.summarize("") == []
    assert [s.text for s in textmill.summarize("Kim arrived.", 3)] == ["Kim arrived."]


def test_cluster_sentences_name_their_article():
    texts = [article("kim-putin-meeting.txt"), article("kim-putin-train.txt")]
    # The default: the best-ranked candidate, the lead of one article with at most one of its
    # sentences dropped or replaced, or one sentence of the other added.
    chosen = textmill.summarize_cluster(texts, 4)
    base = chosen[0].doc
    own = [s.index for s in chosen if s.doc == base]
    assert len(chosen) - len(own) <= 1 and 3 <= len(own) <= 4
    assert own == sorted(own) and set(own) <= {0, 1, 2, 3}
    # Pooled: sentences from both articles.
    pooled = textmill.summarize_cluster(texts, 4, cluster="pooled")
    assert {s.doc for s in pooled} == {0, 1}
    for s in chosen + pooled:
        assert texts[s.doc][s.start : s.end] == s.text
    twice = textmill.summarize_cluster([texts[0], texts[0]], 2)
    # The same text twice: each chosen sentence stands for its twin in the other copy.
    assert twice and all(s.duplicates == [(1 - s.doc, s.index)] for s in twice)
    with pytest.raises(ValueError, match="cluster summary method"):
        textmill.Summarizer(cluster="centroid")


def test_cluster_titles_are_one_per_text():
    texts = [article("kim-putin-meeting.txt"), article("kim-putin-train.txt")]
    titles = ["Kim meets Putin at Russian space centre", "Kim's armoured train reaches Russia"]
    titled = textmill.summarize_cluster(texts, words=60, titles=titles)
    assert titled and all(texts[s.doc][s.start : s.end] == s.text for s in titled)
    assert all(s.text not in titles for s in titled)
    with pytest.raises(ValueError, match="1 titles for 2 texts"):
        textmill.summarize_cluster(texts, titles=titles[:1])


def test_keyphrases_point_into_the_text():
    text = article("kim-putin-meeting.txt")
    found = textmill.keyphrases(text, 5)
    assert "North Korea" in [k.text for k in found]
    for k in found:
        # Written as it first occurs; every occurrence a run of as many words, in text order.
        _, first_start, first_end = k.occurrences[0]
        assert text[first_start:first_end] == k.text
        for doc, start, end in k.occurrences:
            assert doc == 0
            assert len(text[start:end].split()) == len(k.text.split()), (text[start:end], k)
        ends = [(start, end) for _, start, end in k.occurrences]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    both = textmill.keyphrases([text, article("kim-putin-train.txt")], 5)
    assert {doc for k in both for doc, _, _ in k.occurrences} == {0, 1}


def test_rouge_matches_hand_counts():
    scores = textmill.rouge("the cat sat on the mat", "the cat lay on the mat")
    # 5 of 6 unigrams shared; bigrams: "the cat", "on the", "the mat" of 5.
    assert scores["rouge1"]["fmeasure"] == pytest.approx(5 / 6)
    assert scores["rouge2"]["precision"] == pytest.approx(3 / 5)
    assert scores["rougeLsum"]["recall"] == pytest.approx(5 / 6)
    # Porter stemming: "running" and "runs" share the stem "run".
    assert textmill.rouge("runs", "running")["rouge1"]["fmeasure"] == 1.0
    assert textmill.rouge("", "anything")["rouge1"]["fmeasure"] == 0.0
    sentences = ["Kim met Putin.", "It rained all day.", "Putin greeted Kim at the station."]
    assert textmill.rouge_oracle(sentences, "Putin greeted Kim at the station", 2)[0] == 2

"""Stories from Python: textmill.stories over Documents and texts."""

from pathlib import Path

import pandas as pd
import pytest

import textmill

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

FLOODS = (
    "Heavy rain flooded towns across Emilia-Romagna on Tuesday, forcing thousands of people from "
    "their homes. Rivers burst their banks in Faenza and Cesena, and the regional government "
    "declared a state of emergency. Firefighters rescued residents from rooftops as the water rose."
)


def documents():
    meeting = textmill.process((EXAMPLES / "kim-putin-meeting.txt").read_text(), id="meeting")
    train = textmill.process((EXAMPLES / "kim-putin-train.txt").read_text(), id="train")
    # The page of the train article: a near-duplicate of its text (dated a day apart from the
    # scraped texts, but a duplicate joins its original's story whatever its date).
    copy = textmill.process((EXAMPLES / "kim-putin-train.html").read_bytes(), id="train-page")
    return [meeting, textmill.process(FLOODS, id="floods"), train, copy]


def test_one_story_apart_from_another_with_sources_and_duplicates():
    found = textmill.stories(documents())
    assert [s.documents for s in found] == [["meeting", "train", "train-page"], ["floods"]]
    kim = found[0]
    assert kim.id == "story-0" and kim.title
    assert any("Putin" in e["text"] for e in kim.entities)
    assert kim.keyphrases
    for sentence in kim.summary:
        assert sentence["source"] in {"meeting", "train"}
        if sentence["source"] == "train":
            # The page of the train article is a near-duplicate of its text: the sentence
            # stands for it.
            assert "train-page" in sentence["duplicates"]
    assert kim.to_dict()["documents"] == kim.documents


def test_texts_are_processed_first_and_stories_render_and_tabulate():
    found = textmill.stories([FLOODS, (EXAMPLES / "kim-putin-meeting.txt").read_text()])
    assert [s.documents for s in found] == [["0"], ["1"]]
    html = found._repr_html_()
    assert found[1].title in html and "[1]" in html
    table = found.to_pandas()
    assert isinstance(table, pd.DataFrame)
    assert list(table["id"]) == ["story-0", "story-1"]
    assert table["summary"][0].startswith("Heavy rain")


def test_two_events_one_pass_chained_come_out_as_two_parts_of_a_story():
    titles = [
        "Biden to withdraw all troops from Afghanistan by September 11",
        "Biden set to withdraw U.S. troops from Afghanistan by Sept. 11",
        "Biden to pull US troops out of Afghanistan by September 11",
        "The last US military planes have left Afghanistan",
        "Last US military flight departs Kabul, ending America's longest war",
        "The last American military flight has left Kabul",
    ]
    texts = [f"{title}.\n\nOfficials in Washington spoke about Afghanistan." for title in titles]
    texts.append(FLOODS)
    # A low threshold chains the two events into one story as the documents arrive.
    chained = {"cluster": {"threshold": 0.05, "split_threshold": 0}}
    found = textmill.stories(texts, config=chained)
    assert [s.documents for s in found] == [["0", "1", "2", "3", "4", "5"], ["6"]]
    found = textmill.stories(texts, config={"cluster": {"threshold": 0.05}})
    assert [(s.id, s.documents) for s in found] == [
        ("story-0", ["0", "1", "2"]),
        ("story-0.1", ["3", "4", "5"]),
        ("story-1", ["6"]),
    ]


def test_settings_are_checked_by_name():
    with pytest.raises(textmill.ConfigError, match="threshold"):
        textmill.stories([FLOODS], config={"cluster": {"threshold": 3}})
    with pytest.raises(textmill.ConfigError, match="unknown field"):
        textmill.stories([FLOODS], config={"clusters": {}})
    with pytest.raises(TypeError):
        textmill.stories([42])

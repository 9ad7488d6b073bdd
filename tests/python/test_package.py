"""The package as installed: the notebook views, the `textmill` command in the wheel, and one
policy for settings shared with the command line."""

import html
import html.parser
import subprocess
import sys
from pathlib import Path

import pytest

import textmill

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class _Tags(html.parser.HTMLParser):
    """Checks that a view is well-formed: every tag opened is closed, in order."""

    VOID = {"br"}

    def __init__(self):
        super().__init__()
        self.open = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()


def well_formed(view: str) -> str:
    tags = _Tags()
    tags.feed(view)
    assert tags.open == [], tags.open
    return view


def test_the_document_view_colours_labels_has_a_legend_and_marks_the_summary():
    doc = textmill.process((EXAMPLES / "kim-putin-meeting.html").read_bytes())
    view = well_formed(doc._repr_html_())
    people = sum(e.label == "PERSON" for e in doc.entities)
    assert f">PERSON {people}</span>" in view
    assert "background:#aa9cfc" in view and "background:#feca74" in view
    assert f"summary ({len(doc.summary)} sentences)" in view
    assert view.count('title="summary"') == len(doc.summary)


def test_a_huge_document_view_is_cut_with_a_count_of_the_rest():
    doc = textmill.process("The river rose again on Tuesday near Dresden. " * 40_000, kind="text")
    view = well_formed(doc._repr_html_())
    assert len(view) < 100_000
    assert f"... {len(doc) - 10_000} more characters" in view
    assert "more characters" not in doc.to_html(max_chars=None)


def test_spans_entities_and_cleaned_pages_have_views():
    doc = textmill.process("Angela Merkel visited Paris. It rained.", kind="text")
    assert "0..28" in well_formed(doc.sentences[0]._repr_html_())
    person = next(e for e in doc.entities if e.label == "PERSON")
    assert "PERSON" in well_formed(person._repr_html_())
    cleaned = textmill.clean((EXAMPLES / "kim-putin-train.html").read_bytes())
    view = well_formed(cleaned._repr_html_())
    assert f"removed: {len(cleaned.removed)} pieces" in view
    assert html.escape(cleaned.metadata["title"], quote=False).replace('"', "&quot;") in view


def test_the_wheel_has_the_textmill_command():
    script = Path(sys.executable).with_name("textmill")
    assert script.exists(), "the console script is installed beside the interpreter"
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"textmill {textmill.__version__}"
    counted = subprocess.run([sys.executable, "-m", "textmill", "count", str(EXAMPLES / "corpus.jsonl")],
                             capture_output=True, text=True, check=True)
    assert '"records"' in counted.stdout
    bad = subprocess.run([str(script), "summarize", "--ratio", "5", str(EXAMPLES / "kim-putin-train.txt")],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "ratio must lie in [0, 1], not 5" in bad.stderr


def test_a_budget_is_refused_alike_in_python_and_on_the_command_line():
    with pytest.raises(ValueError, match=r"ratio must lie in \[0, 1\], not 5"):
        textmill.summarize("One sentence. Another one.", ratio=5)
    with pytest.raises(ValueError, match="at most one of sentences, words, chars and ratio"):
        textmill.summarize("One sentence. Another one.", sentences=2, words=10)


def test_settings_out_of_range_are_refused_when_built_naming_the_setting():
    with pytest.raises(textmill.ConfigError, match="redundancy: must lie in"):
        textmill.Summarizer(redundancy=7)
    with pytest.raises(textmill.ConfigError, match="budget: ratio must lie in"):
        textmill.Pipeline(summarizer={"budget": {"ratio": 5}})
    with pytest.raises(textmill.ConfigError, match="duplicate"):
        textmill.Pipeline(summarizer={"duplicate": -1})
    assert textmill.Pipeline(summarizer={"budget": {"ratio": 0.2}}).config["summarizer"]["budget"] == {"ratio": 0.2}
    with pytest.raises(textmill.ConfigError, match=r"summarizer\.redundancy: must lie in \[0, 1\], not 7"):
        textmill.Pipeline(summarizer={"redundancy": 7})
    with pytest.raises(textmill.ConfigError, match=r"boilerplate\.text\.prose_min_words"):
        textmill.Pipeline(boilerplate={"text": {"prose_min_words": 0}})
    with pytest.raises(textmill.ConfigError, match="prose_function_share"):
        textmill.Cleaner(text={"prose_function_share": 2})


def test_the_licences_ship_with_the_package():
    from importlib import metadata

    files = {Path(f).name for f in metadata.files("textmill") or []}
    assert {"LICENSE-MIT", "LICENSE-APACHE", "NOTICE.md"} <= files, sorted(files)[:20]

"""Property tests: every span of any text slices back to its own text, in order, in bounds."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

import textmill

# Text with the characters that matter: multi-byte letters, curly quotes, dots, newlines.
alphabet = st.sampled_from(list("ab AZ.?!\n\n’“”'\"-—…é漢😀0123,:()@#/") + ["www.", "http://x.io", "Mr.", "U.S."])
texts = st.lists(alphabet, max_size=80).map("".join) | st.text(max_size=200)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_spans_slice_back_to_their_text(text):
    for spans in (textmill.paragraphs(text), textmill.sentences(text), textmill.tokens(text)):
        last_end = 0
        for s in spans:
            assert 0 <= s.start < s.end <= len(text)
            assert s.start >= last_end
            assert text[s.start : s.end] == s.text
            last_end = s.end


@settings(max_examples=150, deadline=None)
@given(texts)
def test_document_spans_point_into_the_document_text(text):
    doc = textmill.Pipeline(clean=False).process(text, kind="text")
    assert doc.text == unicodedata.normalize("NFC", text)
    for spans in (doc.paragraphs, doc.sentences, doc.tokens):
        for s in spans:
            assert doc.text[s.start : s.end] == s.text

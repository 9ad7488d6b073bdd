"""The Python face of textmill: what a notebook user relies on."""

import json

import pytest

import textmill

ARTICLE = (
    "Kim Jong Un left Pyongyang on Monday. The Kremlin said he would visit Russia “in the coming days.”\n\n"
    "South Korea’s Yonhap news agency said Kim’s train has a top speed of about 37 mph."
)


def test_process_text_gives_sentences_with_code_point_offsets():
    doc = textmill.process(ARTICLE, kind="text", id="kim")
    assert doc.id == "kim"
    assert [s.text for s in doc.sentences] == [
        "Kim Jong Un left Pyongyang on Monday.",
        "The Kremlin said he would visit Russia “in the coming days.”",
        "South Korea’s Yonhap news agency said Kim’s train has a top speed of about 37 mph.",
    ]
    for spans in (doc.paragraphs, doc.sentences, doc.tokens):
        for s in spans:
            assert doc.text[s.start : s.end] == s.text
    assert len(doc.paragraphs) == 2


def test_tokens_split_possessives_with_curly_apostrophes():
    words = [t.text for t in textmill.tokens("Kim’s train, 37 mph.")]
    assert words == ["Kim", "’s", "train", ",", "37", "mph", "."]
    assert textmill.tokens("Kim’s")[1].kind == "clitic"


def test_module_functions_return_spans():
    text = "Sen. Warren spoke. Gov. Hochul did not."
    assert [s.text for s in textmill.sentences(text)] == ["Sen. Warren spoke.", "Gov. Hochul did not."]
    para = textmill.paragraphs("Headline\n\nBody one.\nBody two.")
    assert [p.text for p in para][0] == "Headline"
    assert repr(textmill.sentences("Hi there.")[0]) == "Span(0, 9, \"Hi there.\")"


def test_to_dict_and_to_json_agree():
    doc = textmill.process(ARTICLE, kind="text")
    as_dict = doc.to_dict()
    assert json.loads(doc.to_json()) == as_dict
    assert json.loads(doc.to_json(indent=2)) == as_dict
    assert set(as_dict) >= {"id", "text", "metadata", "paragraphs", "sentences", "tokens", "entities", "summary", "removed", "source"}
    first = as_dict["sentences"][0]
    assert as_dict["text"][first["start"] : first["end"]] == first["text"]


def test_repr_is_informative():
    doc = textmill.process("One sentence here.", kind="text", id="x")
    assert repr(doc).startswith('Document(id="x"')
    assert "sentences=1" in repr(doc)
    assert "sentence here.</span></p>" in doc._repr_html_()


def test_bad_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="kind"):
        textmill.process("x", kind="pdf")
    # Bytes in a legacy encoding are decoded; bytes that no encoding reads as text are refused.
    assert textmill.Pipeline(clean=False).process(b"caf\xe9 cr\xe8me", kind="text").text == "café crème"
    with pytest.raises(textmill.TextmillError, match="not text"):
        textmill.Pipeline(clean=False).process(b"\x00\xff\x01\xfe bad bytes", kind="text")
    with pytest.raises(ValueError, match="abbreviation kind"):
        textmill.Segmenter(abbreviations={"Supt": "sometimes"})


def test_process_batch_keeps_order_and_reports_failures():
    texts = [f"Document number {i} is here. It ends." for i in range(50)]
    docs = textmill.process_batch(texts, kind="text")
    assert [d.text for d in docs] == texts
    pipeline = textmill.Pipeline(clean=False)
    mixed = pipeline.process_batch([b"fine.", b"\x00\xff\x01 bad", b"also fine."], kind="text", errors="skip")
    assert [d is None for d in mixed] == [False, True, False]
    with pytest.raises(textmill.TextmillError, match="input 1"):
        pipeline.process_batch([b"fine.", b"\x00\xff\x01 bad"], kind="text")


def test_user_abbreviations_extend_the_list():
    text = "Ask Cmsr. Jones about it."
    assert len(textmill.sentences(text)) == 2
    segmenter = textmill.Segmenter(abbreviations={"Cmsr": "title"})
    assert [s.text for s in segmenter.sentences(text)] == [text]


def test_cleaner_can_keep_the_headline_in_the_text():
    page = (
        "<html><head><title>Kim heads to Russia</title></head><body><article><h1>Kim heads to Russia</h1>"
        "<p>Kim Jong Un left Pyongyang on Monday. His train is slow, and it is rarely photographed "
        "by anyone outside the country.</p></article></body></html>"
    )
    plain = textmill.Cleaner().clean(page, kind="html")
    titled = textmill.Cleaner(title_in_text=True).clean(page, kind="html")
    assert plain.metadata["title"] == titled.metadata["title"] == "Kim heads to Russia"
    assert not plain.text.startswith("Kim heads to Russia")
    assert titled.text.startswith("Kim heads to Russia\n\n")


def test_a_str_is_never_decoded_again_but_bytes_are():
    body = "Grüße aus München: der Bürgermeister eröffnete am Montag das neue Café am Marktplatz."
    for charset in ("iso-8859-1", "windows-1252", "gb2312", "shift_jis"):
        page = f'<html><head><meta charset="{charset}"></head><body><article><p>{body}</p></article></body></html>'
        assert body in textmill.clean(page).text, charset
        assert body in textmill.process(page).text, charset
        # The same page as UTF-8 bytes: valid UTF-8 outweighs the declaration.
        assert body in textmill.clean(page.encode("utf-8")).text, charset
    latin1 = f'<html><head><meta charset="iso-8859-1"></head><body><p>{body}</p></body></html>'.encode("latin-1")
    assert body in textmill.clean(latin1).text
    [doc] = textmill.process_batch([latin1.decode("latin-1")])
    assert body in doc.text


def test_a_clean_one_line_article_is_kept_whole():
    article = " ".join(
        f"Officials said in a statement on Tuesday that shipment {n} of aid had reached the city, and more would follow."
        for n in range(1, 31)
    )
    cleaned = textmill.clean(article, kind="text")
    assert len(cleaned.text.split()) >= 0.95 * len(article.split())


def test_the_language_is_detected_and_the_english_model_skips_other_languages():
    russian = ("Северокорейский лидер Ким Чен Ын прибыл во Владивосток на бронепоезде, где "
               "встретится с президентом России Владимиром Путиным.")
    doc = textmill.process(russian, kind="text")
    assert doc.metadata["language"] == "ru"
    assert doc.entities == []
    # Forced, the English model runs on any language: on French it finds the Latin-script names.
    french = ("Le dirigeant nord-coréen Kim Jong Un est arrivé mercredi à Vladivostok à bord de son "
              "train blindé, où il doit rencontrer le président russe Vladimir Poutine. Les deux hommes "
              "doivent parler d'armes et de nourriture.")
    assert textmill.process(french, kind="text").metadata["language"] == "fr"
    assert textmill.process(french, kind="text").entities == []
    forced = textmill.Pipeline(tagger={"languages": []}).process(french, kind="text")
    assert "Vladimir Poutine" in [e.text for e in forced.entities]
    english = textmill.process(
        "Vladimir Putin met Kim Jong Un in Vladivostok on Wednesday. The two leaders talked for "
        "four hours about weapons, food and the war in Ukraine, officials in Moscow said. Kim "
        "travelled by armoured train and is expected to visit a space centre.", kind="text")
    assert english.metadata["language"] == "en" and english.entities
    # Too short to tell: unknown, and tagged.
    short = textmill.process("Putin met Kim.", kind="text")
    assert short.metadata["language"] is None and short.entities
    assert textmill.Pipeline(detect_language=False).process(russian, kind="text").metadata["language"] is None


def test_a_record_whose_offsets_leave_its_text_is_refused():
    with pytest.raises(textmill.InputError, match=r"paragraphs\[0\]: ends at 9"):
        textmill.Document.from_json('{"id": "x", "text": "ab", "paragraphs": [{"start": 0, "end": 9}]}')
    lean = textmill.Document.from_json('{"id": "x", "tokens": [{"start": 0, "end": 2, "kind": "word"}]}')
    with pytest.raises(textmill.InputError, match="no text"):
        lean.tokens

"""Writes a corpus of damaged inputs, made from the project's own example articles (nothing
downloaded), with a manifest of what each file must give: how many records, and words that
must come out intact (where the damage is to the encoding).

    python3 benches/reliability/damaged.py [OUT]     (default target/damaged)

The large inputs (a 100 MB text, a million entities, a million sentences without spaces,
100,000-deep nesting, 50,000 links, and texts of 4 and 50 MB for the time and memory curve) go
into OUT/large/, which run_damaged.py runs one process each, to measure peak memory."""
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "damaged"
EXAMPLES = ROOT / "examples"
rng = random.Random(20261202)
manifest = {}


def write(name: str, data: bytes, records: int = 1, must_contain=()) -> None:
    path = OUT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    manifest[name] = {"records": records, "must_contain": list(must_contain)}


def insert_at_random(data: bytes, piece: bytes, times: int) -> bytes:
    for _ in range(times):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + piece + data[at:]
    return data


pages = {p.stem: p.read_bytes() for p in sorted(EXAMPLES.glob("*.html"))}
texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}

# Broken HTML.
for stem, page in pages.items():
    for share in (0.1, 0.5, 0.9):
        write(f"html/{stem}.cut-{int(share * 100)}.html", page[: int(len(page) * share)])
    write(f"html/{stem}.no-gt.html", page.replace(b">", b""))
    write(f"html/{stem}.half-gt.html", b"".join(
        part + (b">" if i % 2 else b"") for i, part in enumerate(page.split(b">"))))
    for stray in (b"<div ", b"<p ", b"<!--", b"<script>", b"</html>", b"<![CDATA[", b"&#x"):
        name = stray.decode().strip("<!&#[ /").lower() or "tag"
        write(f"html/{stem}.stray-{name}.html", insert_at_random(page, stray, 12))
    write(f"html/{stem}.unclosed-comment.html", b"<!--" + page)
    write(f"html/{stem}.nul.html", insert_at_random(page, b"\x00", 200))
    # Wrong and mixed declared encodings: UTF-8 bytes declared as single- and multi-byte
    # charsets, windows-1252 bytes declared as UTF-8, and UTF-16 with a BOM.
    body = page.replace(b'charset="utf-8"', b"").replace(b"charset=utf-8", b"")
    for charset in ("iso-8859-1", "windows-1252", "gb2312", "shift_jis", "utf-16", "x-unknown"):
        declared = f'<meta charset="{charset}">'.encode() + body
        write(f"html/{stem}.declared-{charset}.html", declared, must_contain=["Vladivostok", "’"])
    text = page.decode("utf-8")
    cp1252 = text.encode("cp1252", errors="replace")
    write(f"html/{stem}.cp1252-declared-utf8.html", b'<meta charset="utf-8">' + cp1252,
          must_contain=["Vladivostok", "’"])
    write(f"html/{stem}.utf16le.html", text.encode("utf-16"), must_contain=["Vladivostok"])
    write(f"html/{stem}.utf16be.html", b"\xfe\xff" + text.encode("utf-16-be"),
          must_contain=["Vladivostok"])
    mixed = page[: len(page) // 2] + text[len(text) // 2:].encode("latin-1", errors="replace")
    write(f"html/{stem}.mixed-encodings.html", mixed)

# Damaged plain text.
whitespace = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + \
    "\u2028\u2029\u202f\u205f\u3000\u200b\ufeff"
controls = "".join(map(chr, range(0, 32))) + "".join(map(chr, range(0x7f, 0xa0)))
for stem, text in texts.items():
    accented = text.replace("Vladivostok", "Vladivostok café", 1)
    write(f"text/{stem}.latin1.txt", accented.replace("’", "'").replace("‘", "'")
          .encode("latin-1", errors="replace"), must_contain=["Vladivostok", "café"])
    write(f"text/{stem}.cp1252.txt", accented.encode("cp1252", errors="replace"),
          must_contain=["Vladivostok", "café", "’"])
    write(f"text/{stem}.utf16le.txt", text.encode("utf-16"), must_contain=["Vladivostok", "’"])
    write(f"text/{stem}.utf8-bom.txt", b"\xef\xbb\xbf" + text.encode(), must_contain=["Vladivostok"])
    write(f"text/{stem}.whitespace.txt",
          "".join(c + rng.choice(whitespace) if c == " " else c for c in text).encode())
    write(f"text/{stem}.controls.txt",
          "".join(c + (rng.choice(controls) if rng.random() < 0.02 else "") for c in text).encode())
    write(f"text/{stem}.bad-utf8.txt", insert_at_random(text.encode(), b"\xff\xc3", 40))
    write(f"text/{stem}.cut-mid-char.txt", text.encode()[: text.encode().index("’".encode()) + 1])
    write(f"text/{stem}.one-line.txt", text.replace("\n", " ").encode(), must_contain=["Vladivostok"])
write("text/empty.txt", b"")
write("text/only-whitespace.txt", whitespace.encode())
write("text/only-controls.txt", controls.encode())
arabic = "وصل الزعيم الكوري الشمالي إلى فلاديفوستوك بالقطار المصفح للقاء الرئيس الروسي. "
hebrew = "מנהיג צפון קוריאה הגיע לוולדיווסטוק ברכבת משוריינת כדי לפגוש את נשיא רוסיה. "
chinese = "朝鲜领导人金正恩乘坐装甲列车抵达符拉迪沃斯托克。他将与俄罗斯总统普京会面！会谈持续了四个小时？"
japanese = "北朝鮮の金正恩総書記は装甲列車でウラジオストクに到着した。プーチン大統領と会談する予定だ！"
russian = "Северокорейский лидер прибыл во Владивосток на бронепоезде. Он встретится с Путиным. "
write("text/arabic.txt", (arabic * 40).encode(), must_contain=["فلاديفوستوك"])
write("text/hebrew.txt", (hebrew * 40).encode(), must_contain=["לוולדיווסטוק"])
write("text/chinese.txt", (chinese * 30).encode(), must_contain=["符拉迪沃斯托克"])
write("text/japanese.txt", (japanese * 30).encode(), must_contain=["ウラジオストク"])
write("text/russian.txt", (russian * 30).encode(), must_contain=["Владивосток"])
write("text/bidi-mixed.txt", ("Kim met Putin. " + arabic + "\u202e reversed \u202c " + hebrew).encode() * 20)
write("html/rtl.html", f'<html dir="rtl" lang="ar"><body><article><p>{arabic * 10}</p>'
      f'<p>{arabic * 8}</p></article></body></html>'.encode(), must_contain=["فلاديفوستوك"])

# Damaged JSON lines: every line is one record (a document or an error record).
record = json.loads((EXAMPLES / "corpus.jsonl").read_text().splitlines()[0])
lines = [
    json.dumps(record),
    json.dumps(record)[:200],                         # cut in the middle
    "[1, 2, 3]",                                      # not an object
    '"just a string"',
    "{}",                                             # no text or html
    json.dumps({"id": "n", "text": None}),
    json.dumps({"id": "num", "text": 42}),
    json.dumps({"id": 17, "text": "An id that is a number. It is kept as text."}),
    '{"id": "surrogates", "text": "lone \\ud800 and \\udfff surrogates in a sentence."}',
    '{"id": "escapes", "text": "nul \\u0000 bell \\u0007 and \\u202e override."}',
    json.dumps({"id": "both", "text": "The text wins. It says so.", "html": "<p>The html loses.</p>"}),
    json.dumps({"id": "html-only", "html": "<article><p>" + texts[next(iter(texts))][:2000] + "</p></article>"}),
    json.dumps({"id": "x" * 100_000, "text": "A very long id."}),
    json.dumps({"id": "dup", "text": "Same id twice."}),
    json.dumps({"id": "dup", "text": "Same id twice."}),
    '{"id": "trailing", "text": "Trailing garbage."} xyz',
    '{"id": "deep", "text": "x", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}",
    '\ufeff{"id": "bom", "text": "A line that starts with a byte order mark."}',
    json.dumps({"id": "crlf", "text": "Windows line ends."}) + "\r",
]
body = "\n".join(lines) + "\n\n   \n"
write("jsonl/damaged.jsonl", body.encode(), records=len(lines))
write("jsonl/latin1-line.jsonl", json.dumps(record, ensure_ascii=False).encode() + b"\n" +
      '{"id": "latin1", "text": "caf\xe9 cr\xe8me"}'.encode("latin-1") + b"\n", records=2)
write("jsonl/no-final-newline.jsonl", (json.dumps(record) + "\n" + json.dumps(record)).encode(), records=2)

# Large inputs, each run alone for its peak memory and time.
sentences = [s for t in texts.values() for s in t.replace("\n", " ").split(". ") if len(s) > 40]


def prose(size: int) -> bytes:
    out, total, i = [], 0, 0
    while total < size:
        piece = sentences[i % len(sentences)] + ". "
        if i % 7 == 6:
            piece += "\n\n"
        out.append(piece)
        total += len(piece.encode())
        i += 1
    return "".join(out).encode()[:size]


write("large/prose-4mb.txt", prose(4 << 20))
write("large/prose-50mb.txt", prose(50 << 20))
write("large/prose-100mb.txt", prose(100 << 20))
names = ["Vladimir Putin", "Kim Jong Un", "Moscow", "Pyongyang", "the United Nations", "Russia"]
write("large/million-entities.txt",
      (", ".join(names[i % len(names)] for i in range(1_000_000)) + ".").encode())
write("large/million-sentences-no-spaces.txt", ("Word." * 1_000_000).encode())
write("large/nesting-100000.html",
      b"<html><body>" + b"<div>" * 100_000 + prose(20_000) + b"</div>" * 100_000 + b"</body></html>")
write("large/unclosed-nesting-100000.html", b"<body>" + b"<b><i>" * 50_000 + prose(20_000))
write("large/links-50000.html", b"<html><body><article><p>" + prose(5000) + b"</p>" +
      b"".join(f'<a href="/story/{i}">Story number {i}</a> '.encode() for i in range(50_000)) +
      b"</article></body></html>")

(OUT / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
small = sum(1 for n in manifest if not n.startswith("large/"))
print(f"{len(manifest)} files ({small} in the corpus, {len(manifest) - small} large) in {OUT}")

"""Reading articles: front matter, manifests, per-file overrides and bad input."""

import pytest

from kg.readers import (InputError, MetadataError, RawArticle, SkippedFile, check_date, find_files, loose_date,
                        read_article, read_manifest)


def test_front_matter_gives_metadata_and_is_not_article_text(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Toll rises\npublisher: Reuters\npublished: 2018-12-03\nurl: https://x.test/a\n---\nBody text.\n")
    raw = read_article(p)
    assert isinstance(raw, RawArticle)
    assert raw.text == "Body text.\n"
    assert (raw.meta.title, raw.meta.publisher, raw.meta.published, raw.meta.url) == (
        "Toll rises", "Reuters", "2018-12-03", "https://x.test/a")


def test_unknown_front_matter_key_is_a_warning(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\nmood: grim\n---\nBody.\n")
    raw = read_article(p)
    assert isinstance(raw, RawArticle)
    assert raw.warnings == ["unknown front-matter key 'mood' ignored"]


@pytest.mark.parametrize("content, message", [
    ("---\ntitle: [unclosed\n---\nBody\n", "malformed YAML front matter"),
    ("---\npublished: 2018-13-45\n---\nBody\n", "not a real date"),
    ("---\npublished: last week\n---\nBody\n", "not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("", "empty file"),
    ("   \n\n", "empty file"),
    ("---\ntitle: x\n---\n", "no article text"),
])
def test_bad_input_is_one_clear_error(tmp_path, content, message):
    p = tmp_path / "bad.md"
    p.write_text(content)
    err = read_article(p)
    assert isinstance(err, InputError)
    assert message in str(err) and str(p) in str(err)


def test_invalid_utf8_is_decoded_as_windows_1252_with_a_warning_naming_the_byte(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Caf\u00e9 civilians \u2013 \u201cquoted\u201d".encode("cp1252"))
    raw = read_article(p)
    assert isinstance(raw, RawArticle)
    assert raw.text == "Caf\u00e9 civilians \u2013 \u201cquoted\u201d"
    assert raw.warnings == ["not valid UTF-8 (byte 3); decoded as Windows-1252 (Latin-1): check accented letters"]


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
    (b"PK\x03\x04\x14\x00word/document.xml", "a ZIP archive"),
    (b"text then \x00\x01\x02 binary", "binary file,"),
    (bytes(range(1, 32)) * 20, "binary file,"),
])
def test_binary_files_are_refused_by_their_content_not_their_name(tmp_path, data, what):
    p = tmp_path / "looks-like-text.txt"
    p.write_bytes(data)
    err = read_article(p)
    assert isinstance(err, InputError) and err.message.startswith("binary file") and what in err.message
    assert err.message.endswith("not article text")


def test_an_oversized_file_is_refused_from_its_size(tmp_path, monkeypatch):
    import kg.readers.base

    monkeypatch.setattr(kg.readers.base, "MAX_ARTICLE_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("word " * 300)
    err = read_article(p)
    assert isinstance(err, InputError) and "over the" in err.message and "limit for one article" in err.message


def test_manifest_then_front_matter_then_options(tmp_path):
    (tmp_path / "m.csv").write_text("file,title,url,publisher,published\na.md,,,Sputnik,2018-08\n")
    p = tmp_path / "a.md"
    p.write_text("---\npublisher: Reuters\n---\nBody\n")
    rows = read_manifest(tmp_path / "m.csv")
    raw = read_article(p, manifest=rows)
    assert (raw.meta.publisher, raw.meta.published) == ("Reuters", "2018-08")
    raw = read_article(p, overrides={"publisher": "AP"}, manifest=rows)
    assert raw.meta.publisher == "AP"


def test_missing_path_and_folder_walk(tmp_path):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "sub" / "x.txt").write_text("x")
    (d / "notes.csv").write_text("x")
    (d / "manifest.csv").write_text("file,publisher\nx.txt,AP\n")
    (d / "feed.csv").write_text("url,text\nhttps://a.test,Body\n")
    (d / "page.HTML").write_text("<p>x</p>")
    (d / "rows.jsonl.gz").write_bytes(b"")
    (d / "photo.png").write_bytes(b"\x89PNG")
    (d / ".hidden.txt").write_text("x")
    (d / ".git").mkdir()
    (d / ".git" / "notes.txt").write_text("x")
    (d / "README.md").write_text("x")
    found = list(find_files([d, tmp_path / "nope.txt", "https://example.test/a", "-"]))
    skipped = [f for f in found if isinstance(f, SkippedFile)]
    assert [s.path for s in skipped] == [d / ".hidden.txt", d / "README.md"]  # hidden folders are not walked
    found = [f for f in found if f not in skipped]
    assert found[:4] == [d / "feed.csv", d / "page.HTML", d / "rows.jsonl.gz", d / "sub" / "x.txt"]
    assert isinstance(found[4], InputError) and "no such file" in found[4].message
    assert found[5:] == ["https://example.test/a", "-"]


@pytest.mark.parametrize("value, expected", [("2018", "2018"), ("2018-02", "2018-02"), ("2016-02-29", "2016-02-29"), (None, None)])
def test_dates_keep_their_precision(value, expected):
    assert check_date(value) == expected


def test_impossible_dates_are_refused():
    with pytest.raises(MetadataError):
        check_date("2017-02-29")


@pytest.mark.parametrize("value, expected", [
    ("2018-12-03T09:15:00Z", "2018-12-03"), ("2018-12-03 09:15", "2018-12-03"),
    ("Mon, 03 Dec 2018 09:15:00 GMT", "2018-12-03"), ("2018-12", "2018-12")])
def test_feed_and_page_dates_are_read_loosely_but_checked(value, expected):
    assert loose_date(value) == expected


def test_front_matter_author_is_kept(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\nauthor: Jane  Doe\n---\nBody.\n")
    raw = read_article(p)
    assert raw.meta.author == "Jane Doe" and raw.warnings == []

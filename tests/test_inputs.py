"""Reading articles: front matter, manifests, per-file overrides and bad input."""

import pytest

from kg.inputs import InputError, RawArticle, check_date, MetadataError, find_files, read_article, read_manifest


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
    p.write_text("---\nauthor: Someone\n---\nBody.\n")
    raw = read_article(p)
    assert isinstance(raw, RawArticle)
    assert raw.warnings == ["unknown front-matter key 'author' ignored"]


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


def test_invalid_utf8_is_rejected_with_the_byte_offset(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes("Caf\u00e9 civilians".encode("latin-1"))
    err = read_article(p)
    assert isinstance(err, InputError) and "not valid UTF-8 (byte 3)" in err.message


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
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "x.txt").write_text("x")
    (tmp_path / "d" / "notes.csv").write_text("x")
    found = list(find_files([tmp_path / "d", tmp_path / "nope.txt"]))
    assert found[0] == tmp_path / "d" / "sub" / "x.txt"
    assert isinstance(found[1], InputError) and "no such file" in found[1].message


@pytest.mark.parametrize("value, expected", [("2018", "2018"), ("2018-02", "2018-02"), ("2016-02-29", "2016-02-29"), (None, None)])
def test_dates_keep_their_precision(value, expected):
    assert check_date(value) == expected


def test_impossible_dates_are_refused():
    with pytest.raises(MetadataError):
        check_date("2017-02-29")

"""HTML pages: main text and metadata with trafilatura.

trafilatura (with its own htmldate, justext and lxml) drops navigation, ads,
comments, "related stories" boxes and scripts, and reads title, author, site name,
publication date and canonical URL from the page's meta tags. It needs no download
at run time. The text it returns is what kg stores: every claim's offsets point
into it, never into the HTML.
"""

from __future__ import annotations

from pathlib import Path

from kg.readers.base import (InputError, MetadataError, binary_message, RawArticle, finish, loose_date, manifest_row, merge_meta,
                       read_bytes_capped, sniff_binary)


# Fewer words than this in a page's main text is navigation left over, not an article.
MIN_WORDS = 12


def extract_html(html: str | bytes, url: str | None = None) -> tuple[str, dict, list[str]]:
    """(main text, metadata, warnings) of one page. Raises MetadataError when the page has no article text."""
    import trafilatura

    if isinstance(html, bytes):
        what = sniff_binary(html)
        if what:
            raise MetadataError(binary_message(what, "an HTML page"))
    if not (html.strip() if isinstance(html, str) else html.strip()):
        raise MetadataError("empty file")
    # The date must come from the page's own metadata: a date found in the URL or the body
    # is an inference, made (and marked as such) by kg.readers.dates, not taken as stated.
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        favor_precision=True, deduplicate=False,
        date_extraction_params={"extensive_search": False, "original_date": True, "url": None},
    )
    words = len((doc.text or "").split()) if doc is not None else 0
    if words == 0:
        raise MetadataError("no article text found in the HTML page")
    if words < MIN_WORDS:
        raise MetadataError(f"no article text found in the HTML page (only {words} word(s): "
                            "a login, paywall or index page?)")
    warnings: list[str] = []
    stated = stated_date(html)
    try:
        published = loose_date(stated)
    except MetadataError:
        published = None
        warnings.append(f"page date {stated!r} not understood; ignored")
    meta = {
        "title": doc.title,
        "publisher": doc.sitename,
        "url": doc.url or url,
        "published": published,
        "author": doc.author,
    }
    return doc.text, meta, warnings


def stated_date(html: str | bytes) -> str | None:
    """The publication date the page states in its markup (meta tags, JSON-LD, <time>), never its URL."""
    import lxml.html
    from htmldate import find_date

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    # htmldate would read a date out of the canonical URL; that is kg.readers.dates' (marked) inference.
    for el in tree.xpath('//link[@rel="canonical"] | //meta[@property="og:url"]'):
        el.getparent().remove(el)
    return find_date(tree, extensive_search=False, original_date=True, url=None)


def read_html_file(path: Path, overrides: dict | None = None,
                   manifest: dict[str, dict] | None = None) -> RawArticle | InputError:
    try:
        text, page_meta, warnings = extract_html(read_bytes_capped(path))
        meta = merge_meta(path.name, page_meta, manifest_row(path, manifest), overrides)
    except MetadataError as exc:
        return InputError(path, str(exc))
    return finish(RawArticle(path, text, meta, warnings))

"""Articles fetched from URLs: ``kg load https://…``.

Polite and bounded: a user agent naming kg and its version, connect and read
timeouts, a size cap checked while streaming, redirects followed (at most 5).
Each URL that fails gives one clear error and never stops the others.
"""

from __future__ import annotations

import os

import httpx

from kg import __version__
from kg.readers.base import MAX_ARTICLE_BYTES, InputError, MetadataError, RawArticle, decode_text, finish, merge_meta

USER_AGENT = f"kg/{__version__} (casualty-claims knowledge graph; fetches one page per article given to `kg load`)"
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5


def _timeout() -> float:
    try:  # KG_FETCH_TIMEOUT lets a slow network (or a test) set its own limit
        return float(os.environ.get("KG_FETCH_TIMEOUT", TIMEOUT_SECONDS))
    except ValueError:
        return TIMEOUT_SECONDS


def fetch(url: str, client: httpx.Client, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[bytes, str, str]:
    """(body, content type, final URL). Raises MetadataError with a one-line reason."""
    limit = max_bytes // 2**20
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise MetadataError(f"HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise MetadataError(f"page is {int(declared) / 1e6:.1f} MB, over the {limit} MB limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise MetadataError(f"page is over the {limit} MB limit")
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return bytes(body), ctype, str(response.url)
    except httpx.TimeoutException:
        raise MetadataError(f"no answer within {client.timeout.read:g} s (timed out)") from None
    except httpx.TooManyRedirects:
        raise MetadataError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.InvalidURL as exc:
        raise MetadataError(f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise MetadataError(f"cannot fetch: {reason}") from None


def make_client() -> httpx.Client:
    timeout = _timeout()
    return httpx.Client(follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT},
                        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)))


def fetch_article(url: str, overrides: dict | None = None, client: httpx.Client | None = None) -> RawArticle | InputError:
    own = client is None
    client = client or make_client()
    try:
        body, ctype, final_url = fetch(url, client)
        if ctype in ("text/html", "application/xhtml+xml") or (not ctype and body.lstrip()[:1] == b"<"):
            from kg.readers.html import extract_html

            text, page, warnings = extract_html(body, url=final_url)
            page["url"] = page.get("url") or final_url
        elif ctype in ("text/plain", "text/markdown"):
            text, warnings = decode_text(body)
            if not text.strip():
                raise MetadataError("empty page")
            page = {"url": final_url}
        else:
            raise MetadataError(f"content type {ctype or 'unknown'!r} is not an HTML page or plain text")
        meta = merge_meta(url, page, overrides)
    except MetadataError as exc:
        return InputError(url, str(exc))
    finally:
        if own:
            client.close()
    return finish(RawArticle(url, text, meta, warnings))

"""Request checks shared by every JSON route of the ingest server (``POST /v1/messages`` and the
connectors' webhooks): one place that decides what a request must look like.

- :class:`RequestError` is every refusal, answered as JSON ``{"error": ..., "field": ...}``;
  refusals made before the body is (all) read (401, 408, 413, 415, 429) hang up instead;
- :func:`bearer_matches` compares a bearer token in constant time (:func:`header_bytes`: any
  header value, UTF-8 or not, is compared, never a 5xx);
- :func:`require_json` accepts ``application/json`` only (415 otherwise);
- :func:`read_body` reads a body within a size limit and a deadline (413, 408);
- :func:`parse_json_object` decodes UTF-8 JSON into an object: 400 for invalid UTF-8 or JSON,
  nesting deeper than :data:`MAX_JSON_DEPTH` or a number too long to convert, never a 5xx;
- :func:`opaque_id` reads an id exactly as sent: it is compared byte for byte, never
  normalised, trimmed or stripped; what cannot be stored as is (control or bidi characters,
  lone surrogates, too long) is a 422 naming the field;
- :func:`text_field` reads a free-text field, cleaned (NFC, controls dropped) and trimmed.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from assist.core.text import clean_text, first_unsafe_char

log = logging.getLogger(__name__)
MAX_JSON_DEPTH = 16
HANG_UP = frozenset({401, 408, 413, 415, 429})  # refusals answered before the body was (all) read
JSON_TYPES = frozenset({"application/json"})


class RequestError(Exception):
    """A request we refuse, with the status and the field to name."""

    def __init__(
        self, status: int, error: str, field: str | None = None, headers: dict[str, str] | None = None
    ):
        super().__init__(error)
        self.status, self.error, self.field, self.headers = status, error, field, headers or {}

    def response(self) -> web.Response:
        resp = web.json_response(
            {"error": self.error, "field": self.field}, status=self.status, headers=self.headers
        )
        if self.status in HANG_UP:
            # refused before the body was read: hang up (``Connection: close``) rather than let
            # aiohttp read and discard a promised body that may be huge, or parse it as a request
            resp.force_close()
        return resp


# ---------------------------------------------------------------------- before the body
def bearer_matches(request: web.BaseRequest, token: bytes) -> bool:
    """Whether ``Authorization: Bearer <token>`` carries ``token`` (constant-time compare)."""
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(header_bytes(given.strip()), token)


def header_bytes(header_value: str) -> bytes:
    """A header (or query) value as bytes to compare with a secret. aiohttp keeps header bytes
    that are not UTF-8 as lone surrogates, which a plain ``.encode()`` refuses (a 500 for a bad
    header); ``surrogatepass`` encodes any string, and such a value never matches a secret."""
    return header_value.encode("utf-8", "surrogatepass")


def require_json(request: web.BaseRequest) -> None:
    """415 unless the body is declared ``application/json`` (a ``charset`` parameter is fine)."""
    declared = request.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    if declared not in JSON_TYPES:
        shown = declared[:60] or "none"
        raise RequestError(
            415,
            f"Content-Type must be application/json, not {shown}",
            headers={"Accept-Post": "application/json"},
        )


def require_length_within(request: web.BaseRequest, max_body: int) -> None:
    length = request.content_length
    if length is not None and length > max_body:
        raise RequestError(413, f"body is {length} bytes; the limit is {max_body}")


async def read_body(request: web.BaseRequest, max_body: int, timeout_s: float) -> bytes:
    """The whole body, refused past ``max_body`` bytes (413) or when it has not all arrived
    within ``timeout_s`` seconds (408): a slow sender cannot hold a handler forever."""
    chunks: list[bytes] = []
    size = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    while True:
        left = deadline - loop.time()
        try:
            if left <= 0:
                raise TimeoutError
            chunk = await asyncio.wait_for(request.content.readany(), left)
        except TimeoutError:
            raise RequestError(408, f"the body did not arrive within {timeout_s:g} s") from None
        if not chunk:
            break
        size += len(chunk)
        if size > max_body:
            raise RequestError(413, f"body is over the limit of {max_body} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------------- the body
def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


def parse_json_object(body: bytes, max_depth: int = MAX_JSON_DEPTH) -> dict[str, Any]:
    """``body`` as a JSON object, or a 400 :class:`RequestError` that says what is wrong."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"body is not valid UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise RequestError(400, "empty body: expected a JSON object")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(400, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise RequestError(400, "invalid JSON: nested too deeply") from None
    except ValueError:  # an integer over Python's 4,300-digit conversion limit
        raise RequestError(400, "invalid JSON: a number with too many digits") from None
    if not isinstance(data, dict):
        raise RequestError(400, "the body must be a JSON object")
    if _depth(data) > max_depth:
        raise RequestError(400, f"JSON nested deeper than {max_depth} levels")
    return data


def refuse_surrogates(value: str, name: str) -> None:
    """A JSON-escaped lone surrogate (``"\\ud800"``) decodes to a str that is not valid Unicode
    text: no database can store it, so it is the client's error (422), not a 503 to retry."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"\\u{ord(value[exc.start]):04x}"
        raise RequestError(
            422, f"{name} contains a lone surrogate ({code}): not valid Unicode text", name
        ) from None


def _scalar(data: dict[str, Any], name: str, required: bool) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise RequestError(422, f"{name} is required", name)
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RequestError(422, f"{name} must be a string, not {type(value).__name__}", name)
    if isinstance(value, str):
        refuse_surrogates(value, name)
    return str(value)


def opaque_id(data: dict[str, Any], name: str, limit: int, required: bool) -> str | None:
    """The id in ``data[name]`` exactly as sent (a JSON integer as its decimal digits).

    Two ids are the same only when they are the same characters: nothing is normalised,
    trimmed or stripped, so ``"k1"`` and ``"k1 "`` (or NFC and NFD ``é``) stay two messages.
    An id that cannot be kept as is gets a 422 naming the field: control characters (NUL
    included, which PostgreSQL cannot store), bidi controls (they disguise what an agent
    sees), lone surrogates, or more than ``limit`` characters."""
    value = _scalar(data, name, required)
    if value is None:
        return None
    if not value.strip():
        if required:
            raise RequestError(422, f"{name} is empty", name)
        return None
    if (ch := first_unsafe_char(value)) is not None:
        raise RequestError(
            422, f"{name} contains U+{ord(ch):04X}, a control or bidi character; ids are stored exactly as sent", name
        )
    if len(value) > limit:
        raise RequestError(422, f"{name} is longer than {limit} characters", name)
    return value


def text_field(data: dict[str, Any], name: str, limit: int, required: bool) -> str | None:
    """A short free-text field (a channel or language name), cleaned and trimmed."""
    value = _scalar(data, name, required)
    if value is None:
        return None
    value = clean_text(value).strip()
    if not value:
        if required:
            raise RequestError(422, f"{name} is empty", name)
        return None
    if len(value) > limit:
        raise RequestError(422, f"{name} is longer than {limit} characters", name)
    return value


# ---------------------------------------------------------------------- every answer is JSON
@web.middleware
async def json_errors(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Every answer is JSON, also aiohttp's own 404/405/413 and unexpected failures."""
    try:
        return await handler(request)
    except RequestError as err:
        return err.response()
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return RequestError(exc.status, exc.reason.lower()).response()
    except ConnectionError:  # the client went away mid-request: nothing to answer, nothing went wrong here
        log.info("ingest: %s %s: the client closed the connection mid-request", request.method, request.path)
        return RequestError(400, "the connection was closed before the request was complete").response()
    except Exception:
        log.exception("ingest: unexpected error")
        return RequestError(500, "internal error").response()

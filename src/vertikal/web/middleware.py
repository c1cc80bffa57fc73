"""ASGI middleware: security headers and the read-only guard, and an in-memory response cache.

The database is opened read-only and never changes while the server runs, so a successful GET
answers the same bytes every time: the cache keeps them (bounded in bytes, least recently used out).
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
ALLOWED = ("GET", "HEAD")


class Guard:
    """Only GET and HEAD (HEAD answered as GET; the server drops the body); security headers on all."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        method = scope["method"]
        if method not in ALLOWED:
            await _method_not_allowed(scope, send_with_headers)
            return
        if method == "HEAD":
            scope = dict(scope, method="GET")
        await self.app(scope, receive, send_with_headers)


async def _method_not_allowed(scope: Scope, send: Send) -> None:
    payload = {
        "error": {"status": 405, "code": "method_not_allowed", "message": "only GET and HEAD are allowed"}
    }
    data = json.dumps(payload).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"allow", b"GET, HEAD"),
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": data})


NO_CACHE = "vertikal_no_response_cache"


def no_cache(state: Any) -> None:
    """Mark a response as one the response cache must not keep (`request.state`): a page of a day,
    whose key space is unbounded; such a page is fast because its look-up is indexed, not cached."""
    setattr(state, NO_CACHE, True)


class ResponseCache:
    """Keep every successful GET response in memory, keyed by path, query and the htmx headers."""

    def __init__(self, app: ASGIApp, max_bytes: int = 32 << 20, max_entry: int = 4 << 20) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self.size = 0
        self.entries: OrderedDict[tuple[bytes, ...], tuple[int, list[Any], bytes]] = OrderedDict()

    @staticmethod
    def _key(scope: Scope) -> tuple[bytes, ...]:
        hx = hist = b""
        for k, v in scope.get("headers", []):
            if k == b"hx-request":
                hx = v
            elif k == b"hx-history-restore-request":
                hist = v
        return (scope.get("raw_path") or scope["path"].encode(), scope.get("query_string", b""), hx, hist)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ALLOWED:
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            status, headers, data = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": data})
            return
        start: Message = {}
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: Message) -> None:
            nonlocal cacheable
            if message["type"] == "http.response.start":
                start.update(message)
                cacheable = message["status"] == 200
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > self.max_entry:
                    cacheable = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if scope.get("state", {}).get(NO_CACHE):
            return  # a page of a day: days are unbounded, so it is never kept (see `no_cache`)
        if cacheable and start:
            self._store(key, start["status"], list(start.get("headers", [])), b"".join(chunks))

    def _store(self, key: tuple[bytes, ...], status: int, headers: list[Any], data: bytes) -> None:
        old_entry = self.entries.pop(key, None)
        if old_entry is not None:
            self.size -= len(old_entry[2])
        self.entries[key] = (status, headers, data)
        self.size += len(data)
        while self.size > self.max_bytes and self.entries:
            _, (_, _, old) = self.entries.popitem(last=False)
            self.size -= len(old)

"""A stand-in for Chatwoot's messages API on 127.0.0.1 that checks every request against the
create-message operation of Chatwoot's ``swagger/swagger.json`` (``swagger_create_message.json``)
with ``jsonschema``, and can be slow, answer 4xx/5xx, or be down.

The path parameters are checked against the operation's ``parameters`` (``account_id`` and
``conversation_id``: integers), the ``api_access_token`` header against its security
definition, the JSON body against ``definitions/conversation_message_create``; and the stand-in's
own answers against the operation's ``200`` schema, so the client is tested against answers
shaped like Chatwoot's. A request that does not conform is answered 400 and kept in
:attr:`FakeChatwoot.invalid`, which every test expects to stay empty.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import jsonschema
from aiohttp import web

from tests.sources.chatwoot_fixtures import swagger

MESSAGES_PATH = "/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages"


class FakeChatwoot:
    def __init__(self, token: str = "api-token") -> None:
        self.doc = swagger()
        self.token = token
        op = self.doc["paths"][MESSAGES_PATH]
        self._params = {
            p["$ref"].rsplit("/", 1)[-1]: self.doc["parameters"][p["$ref"].rsplit("/", 1)[-1]]
            for p in op["parameters"]
        }
        body_param = next(p for p in op["post"]["parameters"] if p["in"] == "body")
        self._body = self._validator(body_param["schema"])
        self._answer = self._validator(op["post"]["responses"]["200"]["schema"])
        self._header = self.doc["securityDefinitions"]["userApiKey"]["name"]
        self.invalid: list[str] = []
        self.requests: list[dict[str, Any]] = []  # every valid POST body, in arrival order
        self.messages: dict[int, list[dict[str, Any]]] = {}  # display id -> created messages
        self.answers: dict[int, list[int]] = {}  # display id -> statuses to answer first, then 200
        self.delay_s = 0.0  # answer this late (the message is created first)
        self._next_id = 5000
        self._runner: web.AppRunner | None = None
        self.port = 0

    def _validator(self, schema: dict[str, Any]) -> jsonschema.Draft4Validator:
        return jsonschema.Draft4Validator({**schema, "definitions": self.doc["definitions"]})

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self, port: int = 0) -> None:
        app = web.Application()
        app.router.add_post(MESSAGES_PATH, self._create)
        app.router.add_get(MESSAGES_PATH, self._list)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------------ checks
    def _check_common(self, request: web.Request) -> tuple[int, int] | web.Response:
        values: dict[str, int] = {}
        for name, spec in self._params.items():
            raw = request.match_info[name]
            try:
                value: Any = int(raw)
            except ValueError:
                value = raw
            errors = [
                e.message for e in jsonschema.Draft4Validator({"type": spec["type"]}).iter_errors(value)
            ]
            if errors:
                return self._bad(f"path parameter {name}: {errors[0]}")
            values[name] = value
        if request.headers.get(self._header) != self.token:
            return web.json_response(
                {"error": "You need to sign in or sign up before continuing."}, status=401
            )
        return values["account_id"], values["conversation_id"]

    def _bad(self, why: str) -> web.Response:
        self.invalid.append(why)
        return web.json_response({"error": why}, status=400)

    # ------------------------------------------------------------------ handlers
    async def _create(self, request: web.Request) -> web.Response:
        checked = self._check_common(request)
        if isinstance(checked, web.Response):
            return checked
        _account, display = checked
        if request.content_type != "application/json":
            return self._bad(f"content type {request.content_type!r}, expected application/json")
        try:
            body = json.loads(await request.text())
        except ValueError:
            return self._bad("body is not JSON")
        errors = sorted(e.message for e in self._body.iter_errors(body))
        if errors:
            return self._bad(f"body: {errors[0]}")
        self.requests.append(body)
        queued = self.answers.get(display) or []
        if queued:
            status = queued.pop(0)
            if status != 200:
                return web.json_response({"error": f"answering {status}"}, status=status)
        self._next_id += 1
        message = {
            "id": self._next_id,
            "content": body["content"],
            "content_type": "text",
            "content_attributes": {},
            "message_type": body.get("message_type", "outgoing"),
            "created_at": int(time.time()),
            "private": bool(body.get("private", False)),
            "sender": {"id": 7, "name": "Ana Agent", "type": "user"},
            "conversation_id": display,
        }
        self.messages.setdefault(display, []).append(message)
        answer_errors = [e.message for e in self._answer.iter_errors(message)]
        assert not answer_errors, answer_errors  # the stand-in itself answers as the swagger says
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        return web.json_response(message)

    async def _list(self, request: web.Request) -> web.Response:
        checked = self._check_common(request)
        if isinstance(checked, web.Response):
            return checked
        return web.json_response(self.messages.get(checked[1], []))

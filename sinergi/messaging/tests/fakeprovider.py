"""A fake WhatsApp / Telegram / SMS provider: a real HTTP server on 127.0.0.1 that records every
request and answers the way the providers document, so transports are tested over the wire.

It checks each send against the documented limits (``messaging/limits.py``) and refuses what
the real API would refuse, with the provider's documented error body:
- WhatsApp Cloud API (support/error-codes; Graph API "Handling errors"): HTTP 400
  ``{"error": {"message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100,
  "error_data": {"messaging_product": "whatsapp", "details": …}, "fbtrace_id": …}}``.
- Telegram Bot API (core.telegram.org/bots/api#making-requests): ``{"ok": false,
  "error_code": 400, "description": "Bad Request: …"}``; flood control 429 with
  ``"parameters": {"retry_after": n}``; 403 "Forbidden: bot was blocked by the user".

A test scripts other answers with ``script(channel, *names)``: each send to that channel takes
the next one (see ANSWERS), then the fake answers normally again.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sinergi.messaging import limits
from sinergi.platform.tests.photos import jpeg_with_gps


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.body.decode()).items()}


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def meta_error(code: int, message: str, details: str, *, status: int = 400) -> Answer:
    """A Graph API error body, as the WhatsApp error codes page shows it."""
    return Answer(
        status,
        {
            "error": {
                "message": message,
                "type": "OAuthException",
                "code": code,
                "error_data": {"messaging_product": "whatsapp", "details": details},
                "fbtrace_id": "AbCdEfGhIjK",
            }
        },
    )


def telegram_error(code: int, description: str, **parameters: Any) -> Answer:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Answer(code, body)


# Scripted answers, by name: what the real providers answer in each case.
ANSWERS: dict[str, Answer] = {
    # WhatsApp
    "wa_outside_window": meta_error(
        131047,
        "(#131047) Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer "
        "last replied to this number.",
    ),
    "wa_undeliverable": meta_error(
        131026, "(#131026) Message Undeliverable", "Unable to deliver message."
    ),
    "wa_invalid_parameter": meta_error(100, "(#100) Invalid parameter", "Invalid parameter"),
    "wa_throughput": meta_error(
        130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached."
    ),
    "wa_unavailable": meta_error(
        131016,
        "(#131016) Service unavailable",
        "A service is temporarily unavailable.",
        status=503,
    ),
    # Telegram
    "tg_flood": telegram_error(429, "Too Many Requests: retry after 600", retry_after=600),
    "tg_blocked": telegram_error(403, "Forbidden: bot was blocked by the user"),
    "tg_bad_request": telegram_error(400, "Bad Request: chat not found"),
    "tg_bad_gateway": telegram_error(502, "Bad Gateway"),
    # any channel: an HTTP 429 with Retry-After, an outage, a provider too slow to answer
    "throttled": Answer(429, {"error": {"message": "Too many requests"}}, {"Retry-After": "300"}),
    "outage": Answer(500, {"error": {"message": "fake outage"}}),
    "slow": Answer(200, {}, delay=2.0),
}


def _wa_refusal(body: Any) -> str:  # noqa: PLR0911, PLR0912 -- one check per documented rule
    """Why the Cloud API would refuse this /messages body; "" when it would take it."""
    if not isinstance(body, dict) or body.get("messaging_product") != "whatsapp":
        return "messaging_product must be whatsapp"
    if not (body.get("to") or body.get("recipient")):
        return "to or recipient is required"
    kind = body.get("type")
    if kind == "text":
        text = body.get("text", {}).get("body", "")
        if not 0 < limits.units(text) <= limits.WA_TEXT_MAX:
            return "text.body must be 1-4096 characters"
        return ""
    if kind == "template":
        template = body.get("template", {})
        if not template.get("name") or not template.get("language", {}).get("code"):
            return "template name and language are required"
        for component in template.get("components", []):
            for parameter in component.get("parameters", []):
                text = parameter.get("text", "")
                if not text or "\n" in text or "\t" in text or "     " in text:
                    return "template parameter: no new lines, tabs or more than 4 spaces"
        return ""
    if kind != "interactive":
        return f"type {kind!r} not sent by this fake"
    interactive = body.get("interactive", {})
    text = interactive.get("body", {}).get("text", "")
    if not 0 < limits.units(text) <= limits.WA_INTERACTIVE_BODY_MAX:
        return "interactive.body.text must be 1-1024 characters"
    action = interactive.get("action", {})
    if interactive.get("type") == "button":
        buttons = action.get("buttons", [])
        titles = [b["reply"]["title"] for b in buttons]
        ids = [b["reply"]["id"] for b in buttons]
        if not 0 < len(buttons) <= limits.WA_BUTTONS_MAX:
            return "1-3 buttons"
        if any(not 0 < limits.units(t) <= limits.WA_BUTTON_TITLE_MAX for t in titles):
            return "button title must be 1-20 characters"
        if len(set(titles)) != len(titles) or len(set(ids)) != len(ids):
            return "button titles and ids must be unique"
        if any(not 0 < len(i) <= limits.WA_BUTTON_ID_MAX for i in ids):
            return "button id must be 1-256 characters"
        return ""
    if interactive.get("type") == "list":
        if not 0 < limits.units(action.get("button", "")) <= limits.WA_LIST_BUTTON_MAX:
            return "list button must be 1-20 characters"
        rows = [r for s in action.get("sections", []) for r in s.get("rows", [])]
        sections = action.get("sections", [])
        if any(limits.units(s.get("title", "")) > limits.WA_SECTION_TITLE_MAX for s in sections):
            return "section title must be at most 24 characters"
        if not 0 < len(rows) <= limits.WA_LIST_ROWS_MAX:
            return "1-10 rows"
        if any(not 0 < limits.units(r["title"]) <= limits.WA_ROW_TITLE_MAX for r in rows):
            return "row title must be 1-24 characters"
        descriptions = [r.get("description", "") for r in rows]
        if any(limits.units(d) > limits.WA_ROW_DESCRIPTION_MAX for d in descriptions):
            return "row description must be at most 72 characters"
        ids = [r["id"] for r in rows]
        if len(set(ids)) != len(ids) or any(not 0 < len(i) <= limits.WA_ROW_ID_MAX for i in ids):
            return "row ids must be unique, 1-200 characters"
        return ""
    return "interactive.type not sent by this fake"


def _tg_refusal(body: Any) -> str:
    """The Bot API's description for a sendMessage it would refuse; "" when it would take it."""
    text = body.get("text", "") if isinstance(body, dict) else ""
    if not text.strip():
        return "Bad Request: message text is empty"
    if limits.units(text) > limits.TG_TEXT_MAX:
        return "Bad Request: message is too long"
    keyboard = body.get("reply_markup", {}).get("inline_keyboard", [])
    for row in keyboard:
        for key in row:
            if not limits.fits_bytes(
                key.get("callback_data", ""), limits.TG_CALLBACK_DATA_MAX_BYTES
            ):
                return "Bad Request: BUTTON_DATA_INVALID"
    return ""


@dataclass
class FakeProvider:
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    fail: bool = False  # answer 500 to every send
    blocked_chats: set[int] = field(default_factory=set)  # Telegram chats that blocked the bot
    scripted: dict[str, list[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def script(self, channel: str, *names: str) -> None:
        """The next sends to ``channel`` get these answers (names of ANSWERS), in order."""
        with self.lock:
            self.scripted.setdefault(channel, []).extend(names)

    def next_scripted(self, channel: str) -> Answer | None:
        with self.lock:
            queue = self.scripted.get(channel) or []
            return ANSWERS[queue.pop(0)] if queue else None

    def sent(self, kind: str = "") -> list[Request]:
        """Requests that sent a message (WhatsApp /messages, Telegram sendMessage, SMS /send)."""
        ends = {"whatsapp": ("/messages",), "telegram": ("/sendMessage",), "sms": ("/sms/send",)}
        suffixes = ends.get(kind) or tuple(s for v in ends.values() for s in v)
        return [r for r in self.requests if r.method == "POST" and r.path.endswith(suffixes)]

    def texts(self, kind: str = "") -> list[str]:
        out = []
        for r in self.sent(kind):
            if r.path.endswith("/sms/send"):
                out.append(r.form()["text"])
                continue
            body = r.json()
            if "text" in body and isinstance(body["text"], str):
                out.append(body["text"])
            elif body.get("type") == "text":
                out.append(body["text"]["body"])
            elif body.get("type") == "interactive":
                out.append(body["interactive"]["body"]["text"])
            else:
                out.append(json.dumps(body))
        return out


def start() -> tuple[ThreadingHTTPServer, FakeProvider]:
    fake = FakeProvider()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(
            self,
            status: int,
            body: bytes,
            content_type: str = "application/json",
            headers: dict[str, str] | None = None,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, answer: Answer) -> None:
            if answer.delay:
                time.sleep(answer.delay)
            self._answer(answer.status, json.dumps(answer.body).encode(), headers=answer.headers)

        def _record(self) -> Request:
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                self.command, self.path, dict(self.headers.items()), self.rfile.read(length)
            )
            with fake.lock:
                fake.requests.append(request)
            return request

        def do_GET(self) -> None:
            request = self._record()
            path = urlsplit(request.path).path
            if path.startswith("/media/") or "/file/bot" in path:
                self._answer(200, jpeg_with_gps("blue", (64, 48)), "image/jpeg")
            elif path.endswith("/getFile"):
                result = {"file_id": "x", "file_unique_id": "y", "file_path": "photos/file_1.jpg"}
                self._answer(200, json.dumps({"ok": True, "result": result}).encode())
            else:  # WhatsApp media id → its short-lived URL
                media_id = path.rsplit("/", 1)[-1]
                meta = {
                    "url": f"{fake.url}/media/{media_id}",
                    "mime_type": "image/jpeg",
                    "id": media_id,
                    "messaging_product": "whatsapp",
                }
                self._answer(200, json.dumps(meta).encode())

        def do_POST(self) -> None:
            request = self._record()
            if fake.fail:
                self._answer(500, b'{"error": {"message": "fake outage"}}')
                return
            n = len(fake.requests)
            path = request.path
            routes: dict[str, Callable[[Request, int], Answer]] = {
                "/messages": _whatsapp,
                "/sendMessage": _telegram,
                "/sms/send": _sms,
            }
            for suffix, route in routes.items():
                if path.endswith(suffix):
                    channel = route.__name__.strip("_")
                    self._json(fake.next_scripted(channel) or route(request, n))
                    return
            if path.endswith("/answerCallbackQuery"):
                self._json(Answer(200, {"ok": True, "result": True}))
                return
            self._json(Answer(404, {"error": "no such route"}))

    def _whatsapp(request: Request, n: int) -> Answer:
        body = request.json()
        refusal = _wa_refusal(body)
        if refusal:
            return meta_error(100, "(#100) Invalid parameter", refusal)
        to = body.get("to") or body.get("recipient")
        return Answer(
            200,
            {
                "messaging_product": "whatsapp",
                "contacts": [{"input": to, "wa_id": to}],
                "messages": [{"id": f"wamid.OUT{n:06d}"}],
            },
        )

    def _telegram(request: Request, n: int) -> Answer:
        body = request.json()
        chat = body.get("chat_id")
        if chat in fake.blocked_chats:
            return ANSWERS["tg_blocked"]
        refusal = _tg_refusal(body)
        if refusal:
            return telegram_error(400, refusal)
        return Answer(
            200,
            {
                "ok": True,
                "result": {
                    "message_id": 1000 + n,
                    "date": 0,
                    "chat": {"id": chat, "type": "private"},
                },
            },
        )

    def _sms(request: Request, n: int) -> Answer:
        text = request.form().get("text", "")
        if not 0 < limits.units(text) <= limits.SMS_MAX:
            return Answer(400, {"error": "text must be 1-640 characters"})
        return Answer(200, {"id": f"gw-out-{n}"})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, fake

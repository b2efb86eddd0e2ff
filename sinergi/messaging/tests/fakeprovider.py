"""A fake WhatsApp / Telegram / SMS provider: a real HTTP server on 127.0.0.1 that records every
request and answers the way the providers document, so transports are tested over the wire."""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from PIL import Image


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "blue")
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x8825] = {1: "S", 2: (0.0, 8.0, 39.0), 3: "E", 4: (117.0, 29.0, 37.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


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


@dataclass
class FakeProvider:
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    fail: bool = False  # answer 500 to every send
    lock: threading.Lock = field(default_factory=threading.Lock)

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

        def _answer(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

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
                self._answer(200, jpeg_with_gps(), "image/jpeg")
            elif path.endswith("/getFile"):
                result = {"file_id": "x", "file_unique_id": "y", "file_path": "photos/file_1.jpg"}
                self._answer(200, json.dumps({"ok": True, "result": result}).encode())
            else:  # WhatsApp media id → its short-lived URL
                media_id = path.rsplit("/", 1)[-1]
                meta = {"url": f"{fake.url}/media/{media_id}", "mime_type": "image/jpeg",
                        "id": media_id, "messaging_product": "whatsapp"}  # fmt: skip
                self._answer(200, json.dumps(meta).encode())

        def do_POST(self) -> None:
            request = self._record()
            if fake.fail:
                self._answer(500, b'{"error": {"message": "fake outage"}}')
                return
            n = len(fake.requests)
            if request.path.endswith("/messages"):
                to = request.json()["to"]
                answer: dict[str, Any] = {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": to, "wa_id": to}],
                    "messages": [{"id": f"wamid.OUT{n:06d}"}],
                }
            elif request.path.endswith("/sendMessage"):
                chat = request.json()["chat_id"]
                answer = {"ok": True, "result": {"message_id": 1000 + n, "date": 0,
                          "chat": {"id": chat, "type": "private"}}}  # fmt: skip
            elif request.path.endswith("/answerCallbackQuery"):
                answer = {"ok": True, "result": True}
            else:
                answer = {"id": f"gw-out-{n}"}
            self._answer(200, json.dumps(answer).encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, fake

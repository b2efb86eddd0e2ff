"""A mail server on 127.0.0.1 that accepts every message: the outbox's e-mails go over real SMTP
in the tests and in bench/load, and the sink tells how many messages and connections came."""

from __future__ import annotations

import socketserver
import threading


class SmtpSink(socketserver.ThreadingTCPServer):
    """Keeps each message's raw text; `hang_up_after` > 0 drops a connection after that many
    messages on it (a server that closes idle or busy connections)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *, hang_up_after: int = 0) -> None:
        self.messages: list[bytes] = []
        self.connections = 0
        self.hang_up_after = hang_up_after
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _SmtpHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class _SmtpHandler(socketserver.StreamRequestHandler):
    server: SmtpSink

    def handle(self) -> None:
        with self.server.lock:
            self.server.connections += 1
        try:
            self._converse()
        except ConnectionResetError:
            return  # a client killed mid-message (the drill's task fault): nothing was queued

    def _converse(self) -> None:
        self.wfile.write(b"220 sink ESMTP\r\n")
        data: list[bytes] | None = None
        taken = 0
        for raw in self.rfile:
            if data is not None:
                if raw in {b".\r\n", b".\n"}:
                    with self.server.lock:
                        self.server.messages.append(b"".join(data))
                    data = None
                    self.wfile.write(b"250 queued\r\n")
                    taken += 1
                    if taken == self.server.hang_up_after:
                        return
                else:
                    data.append(raw)
                continue
            verb = raw[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                data = []
                self.wfile.write(b"354 go on\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def start(**options: int) -> SmtpSink:
    sink = SmtpSink(**options)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    return sink

"""Real servers started beside a test: a free port to bind them to, and the gunicorn that
serves Sinergi itself."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return int(probe.getsockname()[1])


def gunicorn(port: int, *options: str) -> list[str]:
    """The arguments to Python that run one gunicorn worker serving Sinergi on 127.0.0.1:port."""
    return [
        "-m",
        "gunicorn",
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        *options,
    ]

"""Refusing every network connection in tests: Python's audit hook sees each socket call."""

from __future__ import annotations

import socket
import sys
from typing import Any

# Audit events for opening connections and looking names up (Python's own sockets and DNS).
NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"}
)
attempts: list[str] = []
_on = {"refuse": False}


class NetworkUsedError(AssertionError):
    """The app tried to reach the network."""


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _on["refuse"] or event not in NETWORK_EVENTS:
        return
    if event in ("socket.connect", "socket.sendto"):
        sock = args[0]
        if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", None):
            return  # a local socket on this machine, not the network
    attempts.append(f"{event}{args[1:]!r}")
    raise NetworkUsedError(f"the app tried to use the network: {event} {args[1:]!r}")


def install() -> None:
    """Refuse network access from now on, in this process (audit hooks cannot be removed)."""
    if not getattr(sys, "_studyplanner_guard", False):
        sys.addaudithook(_hook)
        sys._studyplanner_guard = True  # type: ignore[attr-defined]
    _on["refuse"] = True


def allow() -> None:
    """Let the network be used again (for the guard's own test)."""
    _on["refuse"] = False

"""Which requests are for this server: the Host and Origin check `serve` and the room share.

Another web page open in a participant's (or the facilitator's) browser can make
that browser send requests to a server on the meeting network (or open
`ws://127.0.0.1:8000/ws` and read the whole live view), unless the server checks
the page's Origin; and a page on a name the attacker controls can rebind that
name to this server's address (DNS rebinding), unless the server checks Host.
Browsers always send Host, and send Origin with every websocket and cross-site
request; a same-origin page load or script GET may come without Origin, which is
fine: it is then the Host that matters.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# host[:port] as browsers send it in Host (and after the scheme in Origin):
# a DNS name or IPv4 address, or an IPv6 address in brackets.
_AUTHORITY = re.compile(r"(?P<name>[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?")
_ORIGIN = re.compile(r"(?P<scheme>https?)://(?P<authority>.+)", re.IGNORECASE)


def host_name(name: str) -> str:
    """One spelling per host: lower case, no brackets, an IP address in its short form."""
    name = name.strip("[]").lower()
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


def parse_authority(text: str) -> tuple[str, int | None] | None:
    """'host:port' -> (host, port or None); None if it is not a plain host and port."""
    found = _AUTHORITY.fullmatch(text.strip())
    if found is None:
        return None
    port = found.group("port")
    return host_name(found.group("name")), int(port) if port else None


@dataclass(frozen=True)
class Gate:
    """The (host, port) pairs that are this server, as a browser names them."""

    places: frozenset[tuple[str, int]]

    @classmethod
    def for_server(cls, names: Iterable[str], port: int, public_url: str) -> Gate:
        """Every name of the bound address on the bound port, and the public URL's host
        on its own port (a proxy or forwarded port may put that in Host)."""
        places = {(host_name(name), port) for name in names if name}
        url = urlsplit(public_url)
        if url.hostname:
            places.add((host_name(url.hostname), url.port or DEFAULT_PORTS[url.scheme]))
        return cls(frozenset(places))

    def refusal(self, host: str | None, origin: str | None) -> tuple[str, str] | None:
        """("host" or "origin", the header's value) that makes a request refused; None
        when the request is for this server."""
        if not host or not self._is_here(parse_authority(host), None):
            return "host", host or ""
        if origin is not None and not self._origin_is_here(origin):
            return "origin", origin
        return None

    def _origin_is_here(self, origin: str) -> bool:
        # "null" (a sandboxed frame, a file:// page) never matches.
        found = _ORIGIN.fullmatch(origin.strip())
        if found is None:
            return False
        scheme = found.group("scheme").lower()
        return self._is_here(parse_authority(found.group("authority")), DEFAULT_PORTS[scheme])

    def _is_here(self, place: tuple[str, int | None] | None, default_port: int | None) -> bool:
        if place is None:
            return False
        name, port = place
        if port is None:
            port = default_port
        if port is None:  # Host without a port: port 80 for http, 443 behind https
            return (name, 80) in self.places or (name, 443) in self.places
        return (name, port) in self.places

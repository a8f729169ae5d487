"""This computer's names and addresses on the meeting network: what a server answers to.

Only local look-ups (the host name, the network interfaces): nothing is sent anywhere.
`serve` and the participants' room both bind with these.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

from workshop_tui.core.errors import WorkshopError
from workshop_tui.core.i18n import N_, t
from workshop_tui.web.gate import LOOPBACK_NAMES

WILDCARD_HOSTS = {"0.0.0.0", "::", ""}


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses other machines may reach (no loopback), best first.

    Only local look-ups: the host name, then (on Linux) each network interface.
    Nothing is sent anywhere.
    """
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    found += _interface_addresses()
    usable = []
    for address in found:
        ip = ipaddress.ip_address(address)
        if not (ip.is_loopback or ip.is_link_local or ip.is_unspecified) and address not in usable:
            usable.append(address)
    return usable


def _interface_addresses() -> list[str]:
    try:
        import fcntl
        import struct
    except ImportError:  # not on Linux/Unix: the host name look-up must do
        return []
    siocgifaddr = 0x8915
    addresses = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(
                    probe.fileno(), siocgifaddr, struct.pack("256s", name.encode()[:15])
                )
            except OSError:  # interface without an IPv4 address
                continue
            addresses.append(socket.inet_ntoa(packed[20:24]))
    return addresses


def served_names(host: str) -> set[str]:
    """The names a browser may use for this server (in Host and Origin), bound to `host`.

    Bound to loopback: the loopback names. Bound to every network (a wildcard):
    those, this computer's addresses and its host name. Bound to one address or
    name: that, and what the name stands for. The --public-url host is added by
    the Gate. Only local look-ups.
    """
    names = {host}
    if host in WILDCARD_HOSTS:
        names |= LOOPBACK_NAMES | set(network_addresses()) | set(_ipv6_addresses())
        names.add(socket.gethostname())
        return names
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        names |= {str(info[4][0]) for info in infos}
    except OSError:
        pass
    if any(is_loopback(name) for name in names):
        names |= LOOPBACK_NAMES
    return names


def _ipv6_addresses() -> list[str]:
    """This machine's global IPv6 addresses (Linux), which a "::" bind also answers on."""
    try:
        lines = Path("/proc/net/if_inet6").read_text().splitlines()
    except OSError:
        return []
    addresses = []
    for line in lines:
        try:
            ip = ipaddress.IPv6Address(bytes.fromhex(line.split()[0]))
        except (ValueError, IndexError):  # a line this reader does not understand
            continue
        if not (ip.is_loopback or ip.is_link_local):
            addresses.append(str(ip))
    return addresses


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def cannot_listen(
    host: str,
    port: int,
    error: BaseException,
    lang: str,
    title: str = N_("Cannot start the server"),
) -> WorkshopError:
    """Why a server could not bind (port taken, no such address), for the user."""
    reason = getattr(error, "strerror", None) or str(error)
    return WorkshopError(
        title,
        detail=t(
            "Cannot listen on {host} port {port}: {reason}. Choose another "
            "--port, or check --host.",
            lang,
            host=host,
            port=port,
            reason=reason,
        ),
    )

"""Which network addresses raqib may contact: one policy for the connectors' fetches and alert webhooks.

A public address is what the standard library calls global (``ipaddress`` ``is_global``, which knows the
IANA special-purpose registries: private, carrier-grade NAT 100.64.0.0/10, documentation, benchmarking,
reserved ...), and neither multicast nor reserved. Python before 3.12.4 still calls 192.0.0.0/24 (IETF
protocol assignments) global, so it is added by hand. IPv6 forms that carry an IPv4 address (mapped,
6to4, Teredo, NAT64) are judged by that IPv4 address as well.

``allow_private`` (the ``RAQIB_ALLOW_PRIVATE_NETWORKS`` setting) exists for loopback test sites and a
receiver on the local network. It never opens link-local addresses (169.254.0.0/16, fe80::/10) or the
known cloud metadata addresses: those hand out cloud credentials and are never a news site or a webhook.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from pipeline.errors import BlockedAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IETF_PROTOCOL = ipaddress.ip_network("192.0.0.0/24")
#: metadata services that are not link-local: Alibaba Cloud (inside CGNAT), AWS over IPv6 (inside fc00::/7)
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in ("100.100.100.200", "fd00:ec2::254"))


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address tunnels to (mapped, 6to4, Teredo, NAT64), if any."""
    if addr.ipv4_mapped:
        return addr.ipv4_mapped
    if addr.sixtofour:
        return addr.sixtofour
    if addr.teredo:
        return addr.teredo[1]
    if addr in _NAT64:
        return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def _forms(ip: str) -> list[IPAddress]:
    addr: IPAddress = ipaddress.ip_address(ip)
    forms = [addr]
    if isinstance(addr, ipaddress.IPv6Address) and (inner := _embedded_ipv4(addr)) is not None:
        forms.append(inner)
    return forms


def is_public(addr: IPAddress) -> bool:
    """Globally reachable, unicast, and not reserved."""
    if isinstance(addr, ipaddress.IPv4Address) and addr in _IETF_PROTOCOL:
        return False
    return addr.is_global and not (addr.is_multicast or addr.is_reserved or addr.is_unspecified)


def _never_allowed(addr: IPAddress) -> bool:
    """Refused even with private networks allowed: link-local, metadata, multicast, unspecified."""
    return (addr.is_link_local or addr in METADATA_ADDRESSES or addr.is_multicast or addr.is_unspecified
            or (isinstance(addr, ipaddress.IPv4Address) and addr.is_reserved))


def is_blocked_ip(ip: str, allow_private: bool = False) -> bool:
    """True when raqib must not connect to ``ip`` (any of its IPv4/IPv6 forms) under the given policy."""
    forms = _forms(ip)
    if any(_never_allowed(a) for a in forms):
        return True
    return not allow_private and not all(is_public(a) for a in forms)


def check_url_scheme(url: str) -> None:
    """Only http(s) URLs with a host are contacted, whatever the network policy (no file:, ftp:, gopher:)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BlockedAddress(f"unsupported URL: {url}")


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a literal address is itself); ``OSError`` when it does not."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def check_url_address(url: str, allow_private: bool = False) -> None:
    """Raise :class:`BlockedAddress` when ``url`` is not http(s) or its host resolves to an address the
    policy refuses; ``OSError`` when the name does not resolve at all."""
    check_url_scheme(url)
    parts = urlsplit(url)
    host = parts.hostname or ""
    for ip in await resolve(host, parts.port or (443 if parts.scheme == "https" else 80)):
        if is_blocked_ip(ip, allow_private):
            raise BlockedAddress(f"{host} resolves to non-public address {ip}")


def literal_address_blocked(url: str, allow_private: bool = False) -> str | None:
    """Without resolving names: why ``url`` would be refused (a non-http(s) URL, ``localhost`` or a literal
    address the policy refuses), else None. For checks at configuration time, before any request."""
    try:
        check_url_scheme(url)
    except BlockedAddress as exc:
        return str(exc)
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return None if allow_private else f"{host} is a loopback name"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return f"{host} is a non-public address" if is_blocked_ip(host, allow_private) else None

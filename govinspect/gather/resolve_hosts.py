"""A resolver honouring ``Settings.resolve`` (host → IPs, like ``curl --resolve``).

With ``only_mapped_hosts`` nothing outside the map (and no non-loopback IP literal) is ever
contacted: tests and the demo must never leave loopback.
"""
from __future__ import annotations

import ipaddress
import socket

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from govinspect.settings import Settings


class UnmappedHostError(OSError):
    """Raised for a host the resolve map does not know while only mapped hosts may be contacted."""


def _ip_family(ip: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in ip else socket.AF_INET


def mapped_addresses(settings: Settings, host: str) -> tuple[str, ...] | None:
    """The configured addresses of ``host`` (case-insensitive), or None when unmapped."""
    host = host.lower().strip("[]")
    for key, ips in settings.resolve.items():
        if key.lower() == host:
            return tuple(ips)
    return None


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def host_allowed(settings: Settings, host: str) -> bool:
    """Whether ``host`` may be contacted at all under the settings."""
    if not settings.only_mapped_hosts or mapped_addresses(settings, host) is not None:
        return True
    return is_ip_literal(host) and ipaddress.ip_address(host.strip("[]")).is_loopback


class MappedResolver(AbstractResolver):
    def __init__(self, settings: Settings):
        self._settings = settings
        self._fallback: AbstractResolver | None = None

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        ips = mapped_addresses(self._settings, host)
        if ips is not None:
            wanted = [ip for ip in ips if family in (0, socket.AF_UNSPEC) or _ip_family(ip) == family]
            if not wanted:     # mapped but without an address of this family: a DNS failure, not scope
                raise socket.gaierror(socket.EAI_NONAME, f"{host}: no address of family {int(family)} in the map")
            return [ResolveResult(hostname=host, host=ip, port=port, family=_ip_family(ip), proto=0,
                                  flags=socket.AI_NUMERICHOST) for ip in wanted]
        if not host_allowed(self._settings, host):
            raise UnmappedHostError(f"{host} is not in the resolve map (only_mapped_hosts)")
        if self._fallback is None:
            self._fallback = DefaultResolver()
        return await self._fallback.resolve(host, port, family)

    async def close(self) -> None:
        if self._fallback is not None:
            await self._fallback.close()

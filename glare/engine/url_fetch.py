# Copyright 2026 The glare Authors.
#
#    Licensed under the Apache License, Version 2.0 (the "License"); you may
#    not use this file except in compliance with the License. You may obtain
#    a copy of the License at
#
#         http://www.apache.org/licenses/LICENSE-2.0
#
#    Unless required by applicable law or agreed to in writing, software
#    distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
#    WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
#    License for the specific language governing permissions and limitations
#    under the License.

"""Fetching a URL for an import, within the operator's limits (SSRF).

Every URL, the first and each redirect, is checked before a connection
is made: its scheme, host and port against the ``[blob_import]`` allow
and deny lists, and every address its host resolves to must be global
(not private, loopback, link-local, multicast, reserved or unspecified)
unless its network is listed in ``allowed_networks``. The connection
goes to the address that was checked, never to a second resolution of
the name, so DNS cannot change the answer in between.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse

from oslo_config import cfg

from glare import exception

CONF = cfg.CONF

_DEFAULT_PORTS = {'http': 80, 'https': 443}
_REDIRECTS = (301, 302, 303, 307, 308)
_USER_AGENT = 'glare-import'


class Refused(exception.BadRequest):
    """The URL is one glare may not fetch."""


def _host_matches(host, patterns):
    host = host.lower().rstrip('.')
    for pattern in patterns:
        pattern = pattern.lower().rstrip('.')
        if pattern.startswith('.') and host.endswith(pattern):
            return True
        if host == pattern:
            return True
    return False


def _port_allowed(port, allowed):
    """``port`` is one of ``allowed`` (ports, or ranges "low-high")."""
    for entry in allowed:
        low, _, high = entry.strip().partition('-')
        try:
            if int(low) <= port <= int(high or low):
                return True
        except ValueError:
            continue
    return False


def check(url, conf=CONF, resolve=socket.getaddrinfo):
    """``(scheme, host, port, address)`` of a URL glare may fetch.

    Refused (400) naming what the operator does not allow.
    """
    opts = conf.blob_import
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused('Import URL %r is malformed: %s.' % (url, exc))
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or scheme not in [
            s.lower() for s in opts.allowed_schemes]:
        raise Refused('Import URL %r: scheme %r is not allowed (allowed: '
                      '%s).' % (url, scheme, ', '.join(
                          s for s in opts.allowed_schemes
                          if s in _DEFAULT_PORTS)))
    host = parts.hostname
    if not host:
        raise Refused('Import URL %r has no host.' % url)
    port = port or _DEFAULT_PORTS[scheme]
    if not _port_allowed(port, opts.allowed_ports):
        raise Refused('Import URL %r: port %d is not allowed.' % (url, port))
    if _host_matches(host, opts.denied_hosts) or (
            opts.allowed_hosts and not _host_matches(host,
                                                     opts.allowed_hosts)):
        raise Refused('Import URL %r: host %s is not allowed.' % (url, host))
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused('Import URL %r: host %s does not resolve (%s).' % (
            url, host, exc))
    networks = [ipaddress.ip_network(n.strip(), strict=False)
                for n in opts.allowed_networks]
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split('%')[0])
        special = not address.is_global or address.is_multicast
        if special and not any(address in n for n in networks):
            raise Refused(
                'Import URL %r: host %s resolves to %s, a private, '
                'loopback, link-local, multicast or otherwise non-public '
                'address.' % (
                    url, host, address))
        addresses.append(str(address))
    if not addresses:
        raise Refused('Import URL %r: host %s has no address.' % (url, host))
    return scheme, host, port, addresses[0]


class _Pinned(http.client.HTTPSConnection):
    """HTTPS to a checked address, verifying ``host``'s certificate."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout,
                         context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port),
                                        self.timeout)
        self.sock = self._context.wrap_socket(sock,
                                              server_hostname=self.host)


class _PinnedHttp(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port),
                                             self.timeout)


class Response:
    """The body of a fetched URL, read within the import's deadline."""

    def __init__(self, connection, response, deadline, url):
        self._connection = connection
        self._response = response
        self._deadline = deadline
        self.url = url
        self.length = response.length

    def read(self, size=-1):
        if time.monotonic() > self._deadline:
            self.close()
            raise exception.BadRequest(
                'The import from %s took longer than %d seconds.' % (
                    self.url, CONF.blob_import.timeout))
        try:
            return self._response.read(None if size is None or size < 0
                                       else size)
        except (OSError, http.client.HTTPException) as exc:
            raise exception.BadRequest('Reading %s failed: %s' % (
                self.url, exc))

    def close(self):
        self._connection.close()


def fetch(url, conf=CONF, resolve=socket.getaddrinfo):
    """Open ``url`` for reading, following checked redirects.

    Returns a ``Response``; BadRequest (Refused for what the limits
    forbid) naming the problem otherwise.
    """
    opts = conf.blob_import
    deadline = time.monotonic() + opts.timeout
    read_timeout = max(opts.timeout / 10.0, 1)
    for _ in range(opts.max_redirects + 1):
        scheme, host, port, address = check(url, conf, resolve)
        parts = urllib.parse.urlsplit(url)
        cls = _Pinned if scheme == 'https' else _PinnedHttp
        connection = cls(host, port, address, read_timeout)
        path = parts.path or '/'
        if parts.query:
            path += '?' + parts.query
        try:
            connection.request('GET', path, headers={
                'User-Agent': _USER_AGENT, 'Accept-Encoding': 'identity'})
            response = connection.getresponse()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise exception.BadRequest('Fetching %s failed: %s' % (url, exc))
        if response.status in _REDIRECTS:
            target = response.getheader('Location')
            connection.close()
            if not target:
                raise exception.BadRequest(
                    '%s redirected without a Location.' % url)
            url = urllib.parse.urljoin(url, target)
            continue
        if response.status != 200:
            connection.close()
            raise exception.BadRequest('Fetching %s answered %d %s.' % (
                url, response.status, response.reason))
        return Response(connection, response, deadline, url)
    raise exception.BadRequest('Fetching the import URL took more than %d '
                               'redirects.' % opts.max_redirects)

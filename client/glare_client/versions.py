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

"""Microversions: what this client speaks and what to ask a server for.

The header is ``OpenStack-API-Version: artifact X.Y``; the server lists
the versions it offers in the document ``GET /`` answers (status 300).
"""

HEADER = 'OpenStack-API-Version'
SERVICE_TYPE = 'artifact'

# The newest microversion this client knows how to use. 1.2: the server
# names the version text it was given when it stored another form
# (version_notice.GIVEN_HEADER).
CLIENT_MAX = (1, 2)
DEFAULT = (1, 0)


def parse(text):
    """``(major, minor)`` of ``'X.Y'``; ``'1'`` means ``(1, 0)``.

    ``'latest'`` (and None) are returned as None: negotiate.
    """
    if text is None:
        return None
    if isinstance(text, tuple):
        return text
    text = str(text).strip()
    if text.lower() == 'latest':
        return None
    major, dot, minor = text.partition('.')
    if not major.isdigit() or (dot and not minor.isdigit()):
        raise ValueError('%r is not a microversion: expected X.Y, X or '
                         'latest.' % text)
    return int(major), int(minor) if dot else 0


def format_version(version):
    return '%d.%d' % version


def header(version):
    return {HEADER: '%s %s' % (SERVICE_TYPE, format_version(version))}


def server_range(document):
    """``(min, max)`` offered by a versions document; None if unknown."""
    versions = (document or {}).get('versions')
    if not isinstance(versions, list) or not versions:
        return None
    found = []
    for entry in versions:
        try:
            found.append(parse(entry.get('version') or entry.get('id', '')
                               .lstrip('v')))
            if entry.get('min_version'):
                found.append(parse(entry['min_version']))
        except (ValueError, AttributeError):
            continue
    found = [version for version in found if version]
    if not found:
        return None
    return min(found), max(found)


def negotiate(requested, offered):
    """The microversion to use.

    :param requested: ``(X, Y)`` the caller insists on, or None for the
        newest both sides speak.
    :param offered: ``(min, max)`` from the server, or None when the
        server did not say (then 1.0, or what was requested).
    """
    if offered is None:
        return requested or DEFAULT
    low, high = offered
    if requested is None:
        chosen = min(CLIENT_MAX, high)
        if chosen < low:
            raise ValueError(
                'The server offers microversions %s to %s; this client '
                'speaks up to %s.' % (format_version(low),
                                      format_version(high),
                                      format_version(CLIENT_MAX)))
        return chosen
    if not low <= requested <= high:
        raise ValueError(
            'Microversion %s is not offered by the server (it offers %s '
            'to %s).' % (format_version(requested), format_version(low),
                         format_version(high)))
    return requested

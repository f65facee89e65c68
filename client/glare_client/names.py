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

"""Which artifact a name stands for.

A name alone means its newest *release*: the highest SemVer version among
the artifacts of that name that are ``active`` and not a pre-release
(``0.6.2``, not a drafted ``0.6.3`` nor an active ``0.6.3-rc.1``).
Callers widen the choice with other statuses (drafts) and with
pre-releases, or pin a version. This is the client's notion: the API's
``version=latest`` filter keeps its meaning (the highest version of any
status).
"""

from glare_client import exceptions

RELEASE_STATUSES = ('active',)


def is_prerelease(version):
    """True for ``1.0.0-rc.1``; build metadata (``+x``) is not one."""
    return '-' in str(version).partition('+')[0]


def describe(statuses, include_prereleases):
    """``'active releases'``, ``'drafted or active versions'``, …"""
    kind = 'versions' if include_prereleases or \
        tuple(statuses) != RELEASE_STATUSES else 'releases'
    return '%s %s' % (' or '.join(statuses), kind)


def newest(rows, include_prereleases):
    """The artifacts of the newest qualifying version among ``rows``.

    ``rows`` come sorted by version, highest first; the iteration stops
    at the first row of a lower version than the one chosen. Several
    artifacts share a version when they differ in identity fields
    (an image per disk format) or owner (an admin sees every project).
    """
    chosen = []
    for row in rows:
        if not include_prereleases and is_prerelease(row.get('version')):
            continue
        if chosen and row.get('version') != chosen[0].get('version'):
            break
        chosen.append(row)
    return chosen


def not_found(name, statuses, include_prereleases, others):
    """The NotFound for a name with no qualifying artifact.

    :param others: artifacts of that name that did not qualify, newest
        first; the message lists a few, so that the caller can see what
        to ask for instead.
    """
    message = 'Artifact with name=%s not found among %s.' % (
        name, describe(statuses, include_prereleases))
    if others:
        message += ' Other versions of that name: %s.' % ', '.join(
            '%s (%s%s)' % (art.get('version'), art.get('status'),
                           ', pre-release' if is_prerelease(
                               art.get('version')) else '')
            for art in others)
    return exceptions.NameNotFound(message, others=others)


def ambiguous(name, version, found, identity_fields=()):
    """The AmbiguousName for several artifacts of one name and version."""
    listed = []
    for art in found:
        details = ['owner %s' % art.get('owner')] + [
            '%s %s' % (field, art.get(field)) for field in identity_fields
            if art.get(field) is not None]
        listed.append('%s (%s)' % (art.get('id'), ', '.join(details)))
    return exceptions.AmbiguousName(
        'Several artifacts have name=%s and version=%s: %s; use the '
        'id.' % (name, version, '; '.join(listed)))

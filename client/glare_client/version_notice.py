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

"""Telling the user when the server stored another form of a version.

glare keeps versions in SemVer form: ``22.04.3`` is stored as
``22.4.3``, ``24.04`` as ``24.4.0``. That is right for ordering and
surprising to someone who looks for ``22.04.3`` afterwards, so the
client says so in one line. A server speaking microversion 1.2 answers
such a create or change with the header ``X-Openstack-Glare-Version-
Given`` (the text it was sent); with any server, the client also
compares what it sent with the ``version`` of the artifact it got back.
"""

GIVEN_HEADER = 'X-Openstack-Glare-Version-Given'


def sent_in_patch(operations):
    """The version a JSON-patch sets, or None."""
    for operation in reversed(list(operations or [])):
        if operation.get('path') == '/version' and \
                operation.get('op') in ('add', 'replace'):
            return operation.get('value')
    return None


def notice(sent, artifact, headers=None):
    """The one-line notice for a stored version, or None.

    :param sent: the version the client sent (None when it sent none).
    :param artifact: the artifact the server answered with.
    :param headers: the response headers.
    """
    stored = (artifact or {}).get('version')
    given = (headers or {}).get(GIVEN_HEADER)
    if given is None:
        if sent is None:
            return None
        given = str(sent).strip()
    if stored is None or given == stored:
        return None
    return 'version %s was stored as %s (SemVer)' % (given, stored)

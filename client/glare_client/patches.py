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

"""JSON-patch documents from plain changes.

Paths use ``/`` between a field and a key inside it, as the API does:
``description`` is the field, ``metadata/os`` the key ``os`` of the dict
field ``metadata``.
"""


def pointer(path):
    """A JSON pointer for ``field`` or ``field/key``."""
    field, _sep, key = path.partition('/')
    if not field:
        raise ValueError('An empty field name in %r.' % path)
    parts = [field] + ([key] if key else [])
    return '/' + '/'.join(part.replace('~', '~0').replace('/', '~1')
                          for part in parts)


def build(changes=None, removals=()):
    """A JSON-patch setting ``changes`` and removing ``removals``.

    A field is replaced (set to None when removed); a key of a dict field
    is added (which replaces an existing value) or removed.
    """
    patch = []
    for path, value in (changes or {}).items():
        op = 'add' if '/' in path else 'replace'
        patch.append({'op': op, 'path': pointer(path), 'value': value})
    for path in removals:
        if '/' in path:
            patch.append({'op': 'remove', 'path': pointer(path)})
        else:
            patch.append({'op': 'replace', 'path': pointer(path),
                          'value': None})
    return patch

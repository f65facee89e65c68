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

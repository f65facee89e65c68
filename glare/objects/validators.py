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

"""Validators for artifact fields.

Each validator checks a Python value and raises ``ValueError`` with a
message that names the rule broken; the field adds its own name. Each one
also knows its JSON-Schema form, so ``/schemas`` tells clients the same
rules the server applies.
"""

import re


class Validator:
    """Base validator. ``kinds`` lists the field kinds it applies to."""

    kinds = None

    def __call__(self, value):
        raise NotImplementedError

    def to_jsonschema(self):
        return {}


class AllowedValues(Validator):
    def __init__(self, allowed):
        self.allowed = list(allowed)

    def __call__(self, value):
        if value not in self.allowed:
            raise ValueError('must be one of %s, not %r' % (
                ', '.join(repr(a) for a in self.allowed), value))

    def to_jsonschema(self):
        return {'enum': list(self.allowed)}


class MaxStrLen(Validator):
    kinds = ('String', 'Link')

    def __init__(self, length):
        self.length = length

    def __call__(self, value):
        if len(value) > self.length:
            raise ValueError('must be at most %d characters long' %
                             self.length)

    def to_jsonschema(self):
        return {'maxLength': self.length}


class MinStrLen(Validator):
    kinds = ('String',)

    def __init__(self, length):
        self.length = length

    def __call__(self, value):
        if len(value) < self.length:
            raise ValueError('must be at least %d characters long' %
                             self.length)

    def to_jsonschema(self):
        return {'minLength': self.length}


class Regex(Validator):
    kinds = ('String',)

    def __init__(self, pattern):
        self.pattern = pattern
        self._compiled = re.compile(pattern)

    def __call__(self, value):
        if not self._compiled.search(value):
            raise ValueError('must match %r' % self.pattern)

    def to_jsonschema(self):
        return {'pattern': self.pattern}


class UUID(Validator):
    kinds = ('String',)
    # The canonical form, written as Glare's schema wrote it.
    _pattern = ('^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}'
                '-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$')

    def __call__(self, value):
        # The same rule as the schema pattern, so clients agree with us.
        if not re.fullmatch(self._pattern, value):
            raise ValueError('must be a UUID (8-4-4-4-12 hex digits), not '
                             '%r' % (value,))

    def to_jsonschema(self):
        return {'pattern': self._pattern}


class MinNumberSize(Validator):
    kinds = ('Integer', 'Float')

    def __init__(self, size):
        self.size = size

    def __call__(self, value):
        if value < self.size:
            raise ValueError('must be at least %s' % self.size)

    def to_jsonschema(self):
        return {'minimum': self.size}


class MaxNumberSize(Validator):
    kinds = ('Integer', 'Float')

    def __init__(self, size):
        self.size = size

    def __call__(self, value):
        if value > self.size:
            raise ValueError('must be at most %s' % self.size)

    def to_jsonschema(self):
        return {'maximum': self.size}


class MaxListSize(Validator):
    kinds = ('List',)

    def __init__(self, size):
        self.size = size

    def __call__(self, value):
        if len(value) > self.size:
            raise ValueError('must have at most %d items' % self.size)

    def to_jsonschema(self):
        return {'maxItems': self.size}


class MinListSize(Validator):
    kinds = ('List',)

    def __init__(self, size):
        self.size = size

    def __call__(self, value):
        if len(value) < self.size:
            raise ValueError('must have at least %d items' % self.size)

    def to_jsonschema(self):
        return {'minItems': self.size}


class Unique(Validator):
    """List items must differ; ``collapse`` silently drops repeats."""

    kinds = ('List',)

    def __init__(self, collapse=False):
        self.collapse = collapse

    def __call__(self, value):
        if not self.collapse and len(set(value)) != len(value):
            raise ValueError('must not contain duplicates')

    def to_jsonschema(self):
        # Collapsed repeats are accepted, so only strict lists say unique.
        return {} if self.collapse else {'uniqueItems': True}


class MaxDictSize(Validator):
    kinds = ('Dict', 'Folder')

    def __init__(self, size):
        self.size = size

    def __call__(self, value):
        if len(value) > self.size:
            raise ValueError('must have at most %d keys' % self.size)

    def to_jsonschema(self):
        return {'maxProperties': self.size}


class AllowedDictKeys(Validator):
    kinds = ('Dict',)

    def __init__(self, keys):
        self.keys = sorted(keys)

    def __call__(self, value):
        extra = sorted(set(value) - set(self.keys))
        if extra:
            raise ValueError('has keys that are not allowed: %s' %
                             ', '.join(extra))

    def to_jsonschema(self):
        return {'propertyNames': {'enum': list(self.keys)}}


class RequiredDictKeys(Validator):
    kinds = ('Dict',)

    def __init__(self, keys):
        self.keys = sorted(keys)

    def __call__(self, value):
        missing = sorted(set(self.keys) - set(value))
        if missing:
            raise ValueError('misses required keys: %s' % ', '.join(missing))

    def to_jsonschema(self):
        return {'required': list(self.keys)}


class ForbiddenChars(Validator):
    kinds = ('String',)

    def __init__(self, chars):
        self.chars = chars

    def __call__(self, value):
        bad = sorted(set(self.chars) & set(value))
        if bad:
            raise ValueError('must not contain %s' %
                             ' or '.join(repr(c) for c in bad))

    def to_jsonschema(self):
        return {'pattern': '^[^%s]*$' % re.escape(self.chars)}

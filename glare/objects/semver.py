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

"""Semantic versions (https://semver.org) with an order the database can use.

``sort_key`` turns a version into a string whose plain string order is the
SemVer precedence order, so the database can sort, compare and pick the
latest version with an index instead of Python sorting whole tables. The
key uses only digits and lowercase hex letters, so it orders the same under
any collation (PostgreSQL locales, MySQL case-insensitive ones, SQLite).
"""

import re

from glare import exception

# Leading zeros are tolerated in MAJOR.MINOR.PATCH and dropped, so
# distribution-style versions such as 22.04 read as 22.4.0 (as Glare did).
_NUMBER = r'\d+'
_IDENT = r'[0-9A-Za-z-]+'
_PATTERN = re.compile(
    r'^(?P<major>%(n)s)(?:\.(?P<minor>%(n)s)(?:\.(?P<patch>%(n)s))?)?'
    r'(?:-(?P<pre>%(i)s(?:\.%(i)s)*))?'
    r'(?:\+(?P<build>%(i)s(?:\.%(i)s)*))?$' % {'n': _NUMBER, 'i': _IDENT})

# Each of major, minor and patch must fit this many decimal digits.
_PART_DIGITS = 10
MAX_PART = 10 ** _PART_DIGITS - 1
# The database column that holds sort keys is this long.
MAX_KEY_LENGTH = 255


class Version:
    __slots__ = ('major', 'minor', 'patch', 'prerelease', 'build')

    def __init__(self, major, minor=0, patch=0, prerelease=(), build=()):
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = tuple(prerelease)
        self.build = tuple(build)

    @classmethod
    def parse(cls, text):
        """Parse ``text``; ``1`` and ``1.0`` are read as ``1.0.0``."""
        if isinstance(text, bool) or not isinstance(text, (str, int, float)):
            raise exception.InvalidVersion(
                version=text, reason='a version must be a string')
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise exception.InvalidVersion(
                version=text, reason='it is not a semantic version '
                                     '(MAJOR.MINOR.PATCH[-PRE][+BUILD])')
        parts = [int(match.group(g) or 0)
                 for g in ('major', 'minor', 'patch')]
        if max(parts) > MAX_PART:
            raise exception.InvalidVersion(
                version=text, reason='numbers must be at most %d' % MAX_PART)
        pre = match.group('pre')
        for ident in (pre.split('.') if pre else ()):
            if ident.isdigit() and len(ident) > 1 and ident[0] == '0':
                raise exception.InvalidVersion(
                    version=text, reason='numeric pre-release identifiers '
                                         'must not have leading zeros')
        build = match.group('build')
        version = cls(*parts, prerelease=pre.split('.') if pre else (),
                      build=build.split('.') if build else ())
        if len(version.sort_key()) > MAX_KEY_LENGTH or len(str(version)) > 128:
            raise exception.InvalidVersion(
                version=text, reason='the pre-release or build part is too '
                                     'long')
        return version

    def __str__(self):
        text = '%d.%d.%d' % (self.major, self.minor, self.patch)
        if self.prerelease:
            text += '-' + '.'.join(self.prerelease)
        if self.build:
            text += '+' + '.'.join(self.build)
        return text

    def sort_key(self):
        """A string that sorts like SemVer precedence (build ignored)."""
        key = ''.join('%0*d' % (_PART_DIGITS, part)
                      for part in (self.major, self.minor, self.patch))
        if not self.prerelease:
            # A release follows every pre-release of the same version.
            return key + '3'
        for ident in self.prerelease:
            if ident.isdigit():
                # Numeric identifiers: by length first, then digit by digit,
                # which is numeric order; and they precede alphanumeric ones.
                key += '1%02x%s' % (len(ident), ident)
            else:
                # Alphanumeric: ASCII order via hex; '0' ends the identifier
                # and sorts before any hex pair of an identifier character,
                # so 'alpha' < 'alpha.1' < 'alphab'.
                key += '2%s0' % ident.encode('ascii').hex()
        return key

    def __eq__(self, other):
        return isinstance(other, Version) and self.sort_key() == \
            other.sort_key()

    def __lt__(self, other):
        return self.sort_key() < other.sort_key()

    def __hash__(self):
        return hash(self.sort_key())

    def __repr__(self):
        return 'Version(%r)' % str(self)


def normalize(text):
    return str(Version.parse(text))


def sort_key(text):
    return Version.parse(text).sort_key()

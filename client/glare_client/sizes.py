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

"""Byte counts as people write and read them.

``parse`` takes ``1073741824``, ``1G``, ``1GiB``, ``500MiB``, ``1.5g`` or
``2GB``; ``human`` writes ``1.0 GiB``. As in ``dd`` and ``qemu-img``,
a bare prefix or one with ``i`` counts in powers of 1024 (``1G`` =
``1GiB`` = 1024³ bytes) and one with ``B`` but no ``i`` in powers of 1000
(``1GB`` = 10⁹ bytes).
"""

import re

_PREFIXES = 'KMGTPE'
_PATTERN = re.compile(
    r'^\s*(?P<number>\d+(?:\.\d*)?|\.\d+)\s*'
    r'(?:(?P<prefix>[kmgtpe])(?P<binary>i)?)?(?P<bytes>b)?\s*$',
    re.IGNORECASE)
_UNITS = ('B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB')

HELP = ('a byte count, or a size such as 1G or 500MiB (powers of 1024; '
        '1GB is 10^9 bytes)')


def parse(text):
    """The number of bytes ``text`` means; ValueError naming it if none."""
    match = _PATTERN.match(str(text))
    if not match:
        raise ValueError(
            '%r is not a size: give a byte count or a number with a unit '
            'such as 1G, 500MiB or 2GB.' % text)
    number = float(match.group('number'))
    prefix = match.group('prefix')
    if prefix is None:
        if '.' in match.group('number'):
            raise ValueError('%r is not a whole number of bytes.' % text)
        return int(match.group('number'))
    binary = match.group('binary') or not match.group('bytes')
    base = 1024 if binary else 1000
    return int(number * base ** (_PREFIXES.index(prefix.upper()) + 1))


def human(count):
    """``count`` bytes as ``12 B``, ``1.5 MiB``, ``3.0 GiB``."""
    size = float(count)
    for unit in _UNITS:
        if abs(size) < 1024 or unit == _UNITS[-1]:
            return ('%d %s' if unit == 'B' else '%.1f %s') % (size, unit)
        size /= 1024

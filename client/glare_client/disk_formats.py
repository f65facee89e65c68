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

"""The disk format of an image file, from the signature in its bytes.

Used when an image is created from a file without ``--disk-format``: a
qcow2 stored as ``raw`` boots nowhere, and the formats that have a
signature say what they are. A file without one is ``raw``.
"""

import os

# (offset, signature, format); a negative offset counts from the end.
_SIGNATURES = (
    (0, b'QFI\xfb', 'qcow2'),
    (0, b'KDMV', 'vmdk'),
    (0, b'# Disk DescriptorFile', 'vmdk'),
    (0, b'vhdxfile', 'vhdx'),
    (0x40, b'\x7f\x10\xda\xbe', 'vdi'),
    (0, b'WithoutFreeSpace', 'ploop'),
    (0, b'WithouFreSpacExt', 'ploop'),
    (0x8001, b'CD001', 'iso'),
    # A dynamic VHD starts with a copy of its footer; a fixed one has it
    # in its last 512 bytes only.
    (0, b'conectix', 'vhd'),
    (-512, b'conectix', 'vhd'),
)
RAW = 'raw'


def detect(path):
    """The disk format of the file at ``path``: a signature's, or raw."""
    with open(path, 'rb') as stream:
        size = os.fstat(stream.fileno()).st_size
        for offset, signature, name in _SIGNATURES:
            position = offset if offset >= 0 else size + offset
            if position < 0 or position + len(signature) > size:
                continue
            stream.seek(position)
            if stream.read(len(signature)) == signature:
                return name
    return RAW

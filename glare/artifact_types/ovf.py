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

"""Reading OVF descriptors, OVF manifests and OVA archives, safely.

XML goes through defusedxml (no DTDs, no entity expansion, no external
references). An OVA is read as a tar *stream*: members are never written
to disk paths, only streamed to whoever stores them; links, devices,
sparse members and paths that could escape a folder are refused, and
oversized extended headers are refused before they are read.
"""

import dataclasses
import re
import tarfile

from defusedxml import ElementTree

# Envelope namespaces and the OVF major version each stands for.
NAMESPACES = {
    'http://schemas.dmtf.org/ovf/envelope/1': '1.x',
    'http://schemas.dmtf.org/ovf/envelope/2': '2.x',
}
DESCRIPTOR_MAX = 16 * 1024 ** 2
MANIFEST_MAX = 1024 ** 2
# Long names and pax headers are read into memory by tarfile.
_HEADER_MAX = 64 * 1024
_NAME_MAX = 255
_MANIFEST_LINE = re.compile(
    r'^(SHA1|SHA256)\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$')
_DIGEST_LENGTHS = {'sha1': 40, 'sha256': 64}
_UNITS = re.compile(r'^byte(?:\s*\*\s*(\d+)(?:\s*\^\s*(\d+))?)?$')


class OvfError(ValueError):
    """The package is not acceptable; the message says why."""


@dataclasses.dataclass
class Descriptor:
    ovf_version: str
    files: list          # hrefs, in References order
    file_ids: dict       # file id -> href
    disks: dict          # disk id -> {'file', 'capacity', 'format'}
    virtual_systems: list
    product: str = None
    vendor: str = None
    product_version: str = None


def check_file_name(name):
    """A referenced file name is a relative path that stays in its folder."""
    if not name or len(name) > _NAME_MAX:
        raise OvfError('File name %r must be 1 to %d characters long.' %
                       (name, _NAME_MAX))
    if any(ord(c) < 32 or ord(c) == 127 for c in name) or '\\' in name:
        raise OvfError('File name %r contains control characters or '
                       'backslashes.' % name)
    if '://' in name or name.startswith('file:'):
        raise OvfError('File %r is an external reference; keep the file '
                       'in the package or link an image in disk_images.'
                       % name)
    if name.startswith('/') or any(part in ('', '.', '..')
                                   for part in name.split('/')):
        raise OvfError('File name %r must be a relative path without '
                       'empty, "." or ".." segments.' % name)
    return name


def parse_descriptor(data):
    """A ``Descriptor`` from the bytes of an ``.ovf`` file."""
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        raise OvfError('The OVF descriptor is not well-formed XML: %s.' %
                       exc)
    except Exception as exc:  # defusedxml's refusals
        raise OvfError('The OVF descriptor uses forbidden XML features '
                       '(%s).' % type(exc).__name__)
    ns, _, tag = root.tag[1:].partition('}') if root.tag.startswith('{') \
        else ('', '', root.tag)
    if tag != 'Envelope' or ns not in NAMESPACES:
        raise OvfError('The OVF descriptor\'s root element must be an '
                       'Envelope in one of the OVF namespaces (%s).' %
                       ', '.join(sorted(NAMESPACES)))

    def q(name):
        return '{%s}%s' % (ns, name)

    def attr(element, name):
        return element.get(q(name))

    files, file_ids = [], {}
    refs = root.find(q('References'))
    for item in refs.findall(q('File')) if refs is not None else ():
        href, file_id = attr(item, 'href'), attr(item, 'id')
        if not href or not file_id:
            raise OvfError('Every File in References needs ovf:href and '
                           'ovf:id.')
        check_file_name(href)
        if href in files or file_id in file_ids:
            raise OvfError('File %s is referenced twice.' % href)
        files.append(href)
        file_ids[file_id] = href
    disks = {}
    section = root.find(q('DiskSection'))
    for disk in section.findall(q('Disk')) if section is not None else ():
        disk_id = attr(disk, 'diskId')
        if not disk_id:
            raise OvfError('Every Disk in DiskSection needs ovf:diskId.')
        file_ref = attr(disk, 'fileRef')
        if file_ref is not None and file_ref not in file_ids:
            raise OvfError('Disk %s refers to file id %s, which is not in '
                           'References.' % (disk_id, file_ref))
        disks[disk_id] = {
            'file': file_ids.get(file_ref),
            'capacity': _capacity(disk_id, attr(disk, 'capacity'),
                                  attr(disk, 'capacityAllocationUnits')),
            'format': attr(disk, 'format'),
        }
    systems = [attr(vs, 'id') or '' for vs in root.iter(q('VirtualSystem'))]
    descriptor = Descriptor(NAMESPACES[ns], files, file_ids, disks, systems)
    product = next(root.iter(q('ProductSection')), None)
    if product is not None:
        descriptor.product = _text(product.find(q('Product')))
        descriptor.vendor = _text(product.find(q('Vendor')))
        descriptor.product_version = _text(product.find(q('Version')))
    return descriptor


def _text(element):
    if element is None or element.text is None:
        return None
    return element.text.strip()[:255] or None


def _capacity(disk_id, capacity, units):
    """The disk's capacity in bytes; None when it is a property reference."""
    if capacity is None or capacity.startswith('${'):
        return None
    try:
        value = int(capacity)
    except ValueError:
        raise OvfError('Disk %s has capacity %r, which is not a number.' %
                       (disk_id, capacity))
    match = _UNITS.match((units or 'byte').strip())
    if match is None:
        raise OvfError('Disk %s has capacity units %r; expected "byte" or '
                       '"byte * 2^N".' % (disk_id, units))
    base, power = match.groups()
    if base is not None:
        factor = int(base) ** int(power) if power is not None else \
            int(base)
        value *= factor
    if value < 0 or value >= 2 ** 63:
        raise OvfError('Disk %s has an impossible capacity.' % disk_id)
    return value


def parse_manifest(data):
    """``{file name: (algorithm, hex digest)}`` from a ``.mf`` file."""
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError:
        raise OvfError('The manifest is not UTF-8 text.')
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _MANIFEST_LINE.match(line.strip())
        if match is None:
            raise OvfError('Manifest line %d is not "SHA1(file)= digest" '
                           'or "SHA256(file)= digest".' % number)
        algorithm, name, digest = match.groups()
        algorithm = algorithm.lower()
        if len(digest) != _DIGEST_LENGTHS[algorithm]:
            raise OvfError('Manifest line %d: a %s digest has %d hex '
                           'digits.' % (number, algorithm.upper(),
                                        _DIGEST_LENGTHS[algorithm]))
        if name in entries:
            raise OvfError('The manifest lists %s twice.' % name)
        entries[name] = (algorithm, digest.lower())
    return entries


def verify_manifest(entries, digests):
    """Every packaged file has a manifest entry its data matches.

    ``digests`` maps file names to ``{'sha1': .., 'sha256': ..}``.
    """
    for name in sorted(set(entries) - set(digests)):
        raise OvfError('The manifest lists %s, which is not in the '
                       'package.' % name)
    for name, digest in sorted(digests.items()):
        if name not in entries:
            raise OvfError('The manifest has no digest for %s.' % name)
        algorithm, expected = entries[name]
        if digest[algorithm] != expected:
            raise OvfError('%s does not match its %s digest in the '
                           'manifest: expected %s, got %s.' % (
                               name, algorithm.upper(), expected,
                               digest[algorithm]))


class _SafeTarInfo(tarfile.TarInfo):
    """Refuses extended headers too large to read into memory."""

    def _proc_member(self, tar):
        if self.type in (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK,
                         tarfile.XHDTYPE, tarfile.XGLTYPE,
                         tarfile.SOLARIS_XHDTYPE) and \
                self.size > _HEADER_MAX:
            raise OvfError('The archive has an extended header of %d '
                           'bytes; at most %d are allowed.' % (
                               self.size, _HEADER_MAX))
        return super()._proc_member(tar)


def members(stream):
    """``(name, size, file)`` per member of the tar stream ``stream``.

    Each ``file`` must be read (or not) before the next member comes.
    Refuses whatever could not be a plain file of the package.
    """
    try:
        tar = tarfile.open(fileobj=stream, mode='r|', tarinfo=_SafeTarInfo)
    except tarfile.TarError as exc:
        raise OvfError('The package is not a tar archive (OVA): %s.' % exc)
    seen = set()
    while True:
        try:
            member = tar.next()
        except OvfError:
            raise
        except (tarfile.TarError, EOFError) as exc:
            raise OvfError('The archive is damaged: %s.' % exc)
        if member is None:
            return
        name = member.name
        if member.issym() or member.islnk():
            raise OvfError('Archive member %s is a link; an OVA holds '
                           'plain files only.' % name)
        if not member.isreg() or member.issparse():
            raise OvfError('Archive member %s is not a plain file.' % name)
        check_file_name(name)
        if name in seen:
            raise OvfError('Archive member %s appears twice.' % name)
        seen.add(name)
        yield name, member.size, _Member(name, tar.extractfile(member))


class _Member:
    """A member's data; a damaged archive says so by name."""

    def __init__(self, name, stream):
        self.name = name
        self.stream = stream

    def read(self, size=-1):
        try:
            return self.stream.read(size)
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise OvfError('The archive is damaged in member %s: %s.' % (
                self.name, exc))

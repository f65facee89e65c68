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

"""OVF descriptors and OVA archives built by the tests themselves.

Real archives made with the standard library's tarfile: a descriptor
referencing disks, a SHA1 or SHA256 manifest, and the disk files, in the
order the OVF specification asks for (descriptor first).
"""

import hashlib
import io
import tarfile

OVF_NS = 'http://schemas.dmtf.org/ovf/envelope/1'


def descriptor(files=('disk1.vmdk', 'disk2.vmdk'), product='Appliance',
               vendor='ACME', version='2.1', ns=OVF_NS):
    refs = ''.join('<File ovf:href="%s" ovf:id="file%d" ovf:size="10"/>' %
                   (name, i) for i, name in enumerate(files))
    disks = ''.join(
        '<Disk ovf:diskId="vmdisk%d" ovf:fileRef="file%d" ovf:capacity="%d"'
        ' ovf:capacityAllocationUnits="byte * 2^30" ovf:format="http://www.'
        'vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>'
        % (i, i, 4 * (i + 1)) for i in range(len(files)))
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Envelope xmlns="{ns}" xmlns:ovf="{ns}">'
            '<References>{refs}</References>'
            '<DiskSection><Info>Disks</Info>{disks}</DiskSection>'
            '<VirtualSystem ovf:id="vm-1"><Info>A VM</Info>'
            '<ProductSection><Info>About</Info><Product>{product}</Product>'
            '<Vendor>{vendor}</Vendor><Version>{version}</Version>'
            '</ProductSection></VirtualSystem></Envelope>').format(
        ns=ns, refs=refs, disks=disks, product=product, vendor=vendor,
        version=version).encode()


DISKS = {'disk1.vmdk': b'first disk data ' * 64,
         'disk2.vmdk': b'second disk' * 50}


def manifest(members, algorithm='SHA256', wrong=None):
    lines = []
    for name, data in members:
        digest = hashlib.new(algorithm.lower(), data).hexdigest()
        if name == wrong:
            digest = hashlib.new(algorithm.lower(), b'other').hexdigest()
        lines.append('%s(%s)= %s\n' % (algorithm, name, digest))
    return ''.join(lines).encode()


def ova(members, extra=()):
    """A tar archive of ``(name, bytes)`` members, plus raw TarInfos."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w', format=tarfile.PAX_FORMAT) \
            as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info, data in extra:
            tar.addfile(info, io.BytesIO(data) if data else None)
    return out.getvalue()


def good_ova(algorithm='SHA256', wrong=None, disks=DISKS, ovf=None):
    members = [('appliance.ovf', ovf or descriptor())] + list(disks.items())
    mf = manifest(members, algorithm, wrong)
    return ova(members[:1] + [('appliance.mf', mf)] + members[1:])

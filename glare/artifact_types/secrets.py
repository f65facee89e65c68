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

"""Secrets: small payloads such as keys, passphrases and certificates."""

from glare.objects import base
from glare.objects import fields as f
from glare.objects import validators as v

SECRET_TYPES = ['symmetric', 'public', 'private', 'passphrase',
                'certificate', 'opaque']


class Secret(base.BaseArtifact):
    # 1.2 (microversion 1.2): the version lifecycle fields; visibility
    # may be shared or community.
    VERSION = '1.2'
    API_VERSIONS = (('1.0', '1.0'), ('1.2', '1.2'))

    fields = {
        'payload': f.Blob(max_blob_size=10000, required_on_activate=True,
                          description='The secret data.'),
        'payload_content_encoding': f.String(
            default='base64', filter_ops=(),
            validators=[v.AllowedValues(['base64'])],
            description='Encoding of the payload as it is stored.'),
        'secret_type': f.String(
            default='opaque', sortable=True, filter_ops=f.EQUALITY_OPS,
            validators=[v.AllowedValues(SECRET_TYPES)],
            description='Kind of secret: %s.' % ', '.join(SECRET_TYPES)),
        'algorithm': f.String(filter_ops=f.EQUALITY_OPS,
                              description='Algorithm the secret is for, '
                                          'e.g. AES.'),
        'bit_length': f.Integer(sortable=True,
                                validators=[v.MinNumberSize(1)],
                                description='Bit length of the secret.'),
        'mode': f.String(filter_ops=f.EQUALITY_OPS,
                         description='Algorithm mode, e.g. CBC.'),
        'expiration': f.DateTime(sortable=True,
                                 description='When the secret expires.'),
    }

    @classmethod
    def get_type_name(cls):
        return 'secrets'

    @classmethod
    def get_display_type_name(cls):
        return 'Secrets'

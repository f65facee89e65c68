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

"""Checking the links an artifact's fields hold.

A link to another artifact (``/artifacts/<type>/<id>``) must point to an
artifact the caller can read, of an enabled type; the field's kind has
already checked its shape and, for ``Link(type_name=...)``, its type. An
external http(s) URL was checked to be a URL and is never fetched.
"""

from glare import exception
from glare.objects import fields as f
from glare.objects import registry


def check(context, artifact, names, get):
    """400 naming the field when a link in ``names`` leads nowhere.

    ``get(context, artifact_type, id)`` is the engine's read of one
    artifact: it raises NotFound for whatever the caller cannot see.
    """
    for name in names:
        field = artifact.attributes[name]
        for link in f.link_values(field, getattr(artifact, name)):
            type_name, target_id = f.parse_link(link)
            if type_name is None:
                continue
            try:
                get(context, registry.get(type_name), target_id)
            except exception.NotFound:
                raise exception.BadRequest(
                    'Field %s links to %s, which does not exist or which '
                    'you cannot read.' % (name, link))

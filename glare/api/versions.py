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

"""The versions document (``GET /`` and ``/versions``), served without
authentication so clients can discover the API before they log in."""

from oslo_serialization import jsonutils
import webob

from glare.api import microversion as mv


def document(host_url):
    return {'versions': [{
        'id': 'v%s' % version,
        'version': version,
        'min_version': mv.MIN_VERSION,
        'status': 'CURRENT' if version == mv.MAX_VERSION else 'STABLE',
        # What a client may ask for in Accept instead of the header.
        'media-type': mv.MEDIA_TYPE_PREFIX + version,
        'links': [{'rel': 'self', 'href': host_url + '/'}],
    } for version in mv.VERSIONS]}


def show(request):
    resp = webob.Response(status=300, content_type='application/json',
                          charset='utf-8')
    resp.body = jsonutils.dump_as_bytes(document(request.host_url))
    return resp

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

"""``/schemas``: the JSON Schema of every enabled artifact type."""

import pecan

from glare.api import http
from glare.objects import registry


class SchemasController:
    # No ``index`` handler: Pecan would send every method of ``/schemas``
    # to it without asking ``_route``.
    @pecan.expose()
    def _route(self, args, request=None):
        if len(args) > 1 or (args and not args[0]):
            pecan.abort(404)
        if request.method not in ('GET', 'HEAD'):
            raise http.method_not_allowed(request, ['GET', 'HEAD'])
        return (self.show, args) if args else (self.list_all, [])

    @pecan.expose()
    def list_all(self):
        http.context(pecan.request).can('artifact:type_list')
        schemas = {name: cls.get_schema()
                   for name, cls in registry.all_types().items()}
        return http.json_response({'schemas': schemas})

    @pecan.expose()
    def show(self, type_name):
        http.context(pecan.request).can('artifact:type_get')
        cls = registry.get(type_name)
        return http.json_response({'schemas': {type_name:
                                               cls.get_schema()}})

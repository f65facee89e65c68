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

"""The API reference, generated from glare's OpenAPI document.

``.. glare-openapi::`` renders every path and method of
``glare.api.openapi.document`` (the built-in types enabled by default);
the build writes the document itself beside the pages, as
``openapi.json``.
"""

import json
import os

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util import nodes as sphinx_nodes

from glare.api import openapi
from glare.conf import api as api_opts
from glare.objects import registry

FILE_NAME = 'openapi.json'


def _document():
    defaults = {opt.name: opt.default for opt in api_opts.opts}
    registry.load_types(defaults['enabled_artifact_types'])
    return openapi.document()


def _responses(operation):
    return ', '.join('``%s``' % code for code in operation['responses']
                     if code != 'default')


class OpenAPIDirective(SphinxDirective):
    has_content = False

    def run(self):
        document = _document()
        lines = ['The whole document: `%s <%s>`_ (OpenAPI %s, generated '
                 'from the routes and the type schemas; a deployment '
                 'serves its own at ``GET /openapi.json``).' % (
                     FILE_NAME, FILE_NAME, document['openapi']), '']
        for path, operations in document['paths'].items():
            lines += [path, '-' * len(path), '']
            for method, operation in operations.items():
                if method == 'head':
                    continue
                version = operation.get('x-openstack-min-microversion')
                lines.append('``%s %s``%s' % (
                    method.upper(), path,
                    ' (microversion %s)' % version if version else ''))
                lines.append('   %s Answers %s; errors in Glare\'s '
                             'error body.' % (operation['summary'],
                                              _responses(operation)))
                lines.append('')
        types = sorted(name[len('Type_'):] for name in
                       document['components']['schemas']
                       if name.startswith('Type_'))
        lines += ['Artifact types', '--------------', '',
                  'Artifact bodies are the JSON Schemas of the types (%s), '
                  'as ``GET /schemas/{type_name}`` serves them.' %
                  ', '.join('``%s``' % name for name in types), '']
        result = nodes.section()
        result.document = self.state.document
        sphinx_nodes.nested_parse_with_titles(
            self.state, StringList(lines, 'glare-openapi'), result)
        return result.children


def _write_document(app, exception):
    if exception is not None or app.builder.format != 'html':
        return
    with open(os.path.join(app.outdir, FILE_NAME), 'w') as stream:
        json.dump(_document(), stream, indent=2, sort_keys=True)
        stream.write('\n')


def setup(app):
    app.add_directive('glare-openapi', OpenAPIDirective)
    app.connect('build-finished', _write_document)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

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

"""The OpenAPI 3.1 document of the API, from the routes and the types.

Paths, methods and path parameters come from ``glare.api.routes``; the
artifact bodies are the JSON Schemas of the enabled types
(``/schemas/{type}``, at the newest microversion: older clients see a
subset of the fields); what each handler answers is said once, in
``OPERATIONS``. Served at ``GET /openapi.json``; ``tox -e docs`` writes
a copy (doc/source/openapi.json) and the api-ref page from it.
"""

import copy

from glare.api import microversion as mv
from glare.objects import registry

OPENAPI_VERSION = '3.1.0'


def _ref(name):
    return {'$ref': '#/components/schemas/%s' % name}


def _json(schema, description):
    return {'description': description,
            'content': {'application/json': {'schema': schema}}}


_STRING = {'type': 'string'}
_NULLABLE_STRING = {'type': ['string', 'null']}

SCHEMAS = {
    'Error': {
        'type': 'object',
        'description': 'Every error: Glare\'s keys, and the API-WG '
                       '"errors" list.',
        'required': ['code', 'title', 'error'],
        'properties': {
            'code': {'type': 'integer'},
            'title': _STRING,
            'explanation': _STRING,
            'error': {'type': 'object', 'required': ['message', 'type'],
                      'properties': {'message': _STRING,
                                     'type': _STRING}},
            'errors': {'type': 'array', 'items': {
                'type': 'object', 'properties': {
                    'status': {'type': 'integer'}, 'code': _STRING,
                    'title': _STRING, 'detail': _STRING,
                    'request_id': _NULLABLE_STRING}}},
            'min_version': _STRING,
            'max_version': _STRING,
        },
    },
    'Versions': {
        'type': 'object', 'required': ['versions'],
        'properties': {'versions': {'type': 'array', 'items': {
            'type': 'object',
            'required': ['id', 'version', 'min_version', 'status',
                         'links'],
            'properties': {
                'id': _STRING, 'version': _STRING, 'min_version': _STRING,
                'status': {'enum': ['CURRENT', 'STABLE']},
                'media-type': _STRING,
                'links': {'type': 'array', 'items': {
                    'type': 'object', 'properties': {
                        'rel': _STRING, 'href': _STRING}}}}}}},
    },
    'ArtifactList': {
        'type': 'object',
        'required': ['type_name', 'artifacts', 'first', 'schema'],
        'properties': {
            'type_name': _STRING,
            'artifacts': {'type': 'array', 'items': _ref('Artifact')},
            'first': _STRING, 'next': _STRING, 'schema': _STRING,
            'total_count': {
                'type': 'integer', 'minimum': 0,
                'description': 'Matching artifacts the caller may read: '
                               'exact when the page holds every match '
                               'or limit=0; otherwise counted up to '
                               '[DEFAULT] list_count_limit (at least '
                               'this many).'},
        },
        'additionalProperties': False,
    },
    'Schemas': {
        'type': 'object', 'required': ['schemas'],
        'properties': {'schemas': {'type': 'object',
                                   'additionalProperties': {
                                       'type': 'object'}}},
    },
    'QuotaList': {
        'type': 'array', 'items': {
            'type': 'object', 'required': ['quota_name', 'quota_value'],
            'properties': {'quota_name': _STRING,
                           'quota_value': {'type': 'integer'}},
            'additionalProperties': False}},
    'ProjectQuotas': {
        'type': 'object',
        'required': ['project_id', 'project_quotas'],
        'properties': {'project_id': _STRING,
                       'project_quotas': _ref('QuotaList'),
                       'project_usage': _ref('QuotaList')},
        'additionalProperties': False,
    },
    'AllQuotas': {
        'type': 'object', 'required': ['global_quotas', 'quotas'],
        'properties': {
            'global_quotas': {'type': 'object', 'additionalProperties': {
                'type': 'integer'}},
            'quotas': {'type': 'array', 'items': _ref('ProjectQuotas')},
            # With ?limit: the next page of projects.
            'next': _STRING},
        'additionalProperties': False,
    },
    'Health': {
        'type': 'object', 'required': ['status', 'checks'],
        'properties': {
            'status': {'enum': ['ok', 'unavailable', 'disabled']},
            'checks': {'type': 'object', 'additionalProperties': {
                'type': 'object', 'required': ['ok', 'seconds'],
                'properties': {'ok': {'type': 'boolean'},
                               'seconds': {'type': 'number'},
                               'detail': _NULLABLE_STRING,
                               'cached': {'type': 'boolean'}}}}},
    },
    'Consumer': {
        'type': 'object',
        'description': 'A consumer of an artifact (1.2); the ids of other '
                       'projects\' consumers are null unless the caller '
                       'sees all.',
        'required': ['consumer_id', 'service', 'resource_type',
                     'project_id', 'created_at'],
        'properties': {'consumer_id': _NULLABLE_STRING,
                       'service': _STRING, 'resource_type': _STRING,
                       'project_id': _NULLABLE_STRING,
                       'created_at': _STRING,
                       # PUT answers with the artifact's id too.
                       'artifact_id': _STRING},
        'additionalProperties': False,
    },
    'ConsumerList': {
        'type': 'object', 'required': ['consumers'],
        'properties': {'consumers': {'type': 'array',
                                     'items': _ref('Consumer')}},
        'additionalProperties': False,
    },
    'ConsumerUses': {
        'type': 'object', 'required': ['consumer_id', 'artifacts'],
        'properties': {
            'consumer_id': _STRING,
            'artifacts': {'type': 'array', 'items': {
                'type': 'object',
                'required': ['id', 'type_name', 'name', 'version',
                             'service', 'resource_type'],
                'properties': {'id': _STRING, 'type_name': _STRING,
                               'name': _STRING, 'version': _STRING,
                               'service': _STRING,
                               'resource_type': _STRING},
                'additionalProperties': False}}},
        'additionalProperties': False,
    },
    'OutdatedConsumers': {
        'type': 'object', 'required': ['consumers'],
        'properties': {'consumers': {'type': 'array', 'items': {
            'type': 'object',
            'required': ['consumer_id', 'service', 'resource_type',
                         'project_id', 'artifact', 'newest'],
            'properties': {
                'consumer_id': _STRING, 'service': _STRING,
                'resource_type': _STRING, 'project_id': _STRING,
                'artifact': {
                    'type': 'object',
                    'required': ['id', 'type_name', 'name', 'version'],
                    'properties': {'id': _STRING, 'type_name': _STRING,
                                   'name': _STRING, 'version': _STRING},
                    'additionalProperties': False},
                'newest': {
                    'type': 'object', 'required': ['id', 'version'],
                    'properties': {'id': _STRING,
                                   'version': _NULLABLE_STRING},
                    'additionalProperties': False}},
            'additionalProperties': False}},
            # Present only when more rows follow; it keeps the query.
            'next': _STRING},
        'additionalProperties': False,
    },
    'Aliases': {
        'type': 'object', 'required': ['aliases', 'history'],
        'properties': {
            'aliases': {'type': 'array', 'items': _STRING},
            'history': {'type': 'array', 'items': {
                'type': 'object',
                'required': ['alias', 'from', 'to', 'moved_at'],
                'properties': {'alias': _STRING,
                               'from': _NULLABLE_STRING,
                               'to': _NULLABLE_STRING,
                               'moved_at': _STRING,
                               'user_id': _NULLABLE_STRING},
                'additionalProperties': False}}},
        'additionalProperties': False,
    },
    'RetentionPolicy': {
        'type': 'object',
        'required': ['type_name', 'project_id', 'keep_last', 'keep_days',
                     'updated_at'],
        'properties': {'type_name': _STRING, 'project_id': _STRING,
                       'keep_last': {'type': 'integer', 'minimum': 1},
                       'keep_days': {'type': ['integer', 'null'],
                                     'minimum': 0},
                       'updated_at': _NULLABLE_STRING},
        'additionalProperties': False,
    },
    'RetentionPreview': {
        'type': 'object', 'required': ['policy', 'delete', 'keep'],
        'properties': {
            'policy': _ref('RetentionPolicy'),
            'delete': {'type': 'array', 'items': _ref('RetentionSummary')},
            'keep': {'type': 'array', 'items': {
                'allOf': [_ref('RetentionSummary')],
                'required': ['reasons'],
                'properties': {'reasons': {'type': 'array',
                                           'items': _STRING}}}}},
        'additionalProperties': False,
    },
    'RetentionSummary': {
        'type': 'object', 'required': ['id', 'name', 'version', 'status'],
        'properties': {'id': _STRING, 'name': _STRING,
                       'version': _STRING, 'status': _STRING,
                       'reasons': {'type': 'array', 'items': _STRING}},
        'additionalProperties': False,
    },
    'Member': {
        'type': 'object',
        'required': ['artifact_id', 'member_id', 'status', 'created_at',
                     'updated_at'],
        'properties': {
            'artifact_id': _STRING, 'member_id': _STRING,
            'status': {'enum': ['pending', 'accepted', 'rejected']},
            'created_at': _STRING, 'updated_at': _STRING},
        'additionalProperties': False,
    },
    'MemberList': {
        'type': 'object', 'required': ['members'],
        'properties': {'members': {'type': 'array',
                                   'items': _ref('Member')}},
        'additionalProperties': False,
    },
    'UploadSession': {
        'type': 'object',
        'required': ['id', 'offset', 'location', 'expires_at'],
        'properties': {'id': _STRING,
                       'offset': {'type': 'integer', 'minimum': 0},
                       'location': _STRING, 'expires_at': _STRING},
        'additionalProperties': False,
    },
    'BlobImport': {
        'type': 'object',
        'required': ['id', 'status', 'reason', 'url', 'sha256', 'blob',
                     'created_at', 'updated_at'],
        'properties': {
            'id': _STRING,
            'status': {'enum': ['running', 'succeeded', 'failed']},
            'reason': _NULLABLE_STRING, 'url': _STRING,
            'sha256': _NULLABLE_STRING, 'blob': _STRING,
            'created_at': _STRING, 'updated_at': _STRING},
        'additionalProperties': False,
    },
}

_ARTIFACT = _json(_ref('Artifact'), 'The artifact.')
_DATA = {'description': 'The data.',
         'content': {'application/octet-stream': {'schema': {
             'type': 'string', 'contentMediaType':
             'application/octet-stream'}}}}
_TEXT = {'description': 'Plain text for load balancers.',
         'content': {'text/plain': {'schema': _STRING}}}

# '<controller module>.<handler>' -> (summary, {status: response},
# request body or None)
OPERATIONS = {
    'versions.show': ('The versions document: every microversion.',
                      {'300': _json(_ref('Versions'), 'The versions.')},
                      None),
    'health.show': ('Whether the process reaches its database and store; '
                    '?detail for each check (loopback or admin).',
                    {'200': _TEXT, '503': _TEXT}, None),
    'metrics.show': ('Prometheus metrics of the host\'s API processes '
                     '(loopback or admin).',
                     {'200': {'description': 'Prometheus text format.',
                              'content': {'text/plain': {
                                  'schema': _STRING}}}}, None),
    'schemas.list_schemas': ('JSON Schemas of every enabled type.',
                             {'200': {'description': 'The schemas.',
                                      'content': {
                                          'application/schema+json': {
                                              'schema': _ref('Schemas')}}}},
                             None),
    'schemas.show': ('The JSON Schema of one type.',
                     {'200': {'description': 'The schema.', 'content': {
                         'application/schema+json': {
                             'schema': _ref('Schemas')}}}}, None),
    'artifacts.list_artifacts': (
        'List artifacts: filters field=[op:]value, sort, limit, marker, '
        'version=latest.',
        {'200': _json(_ref('ArtifactList'), 'A page of artifacts.')},
        None),
    'artifacts.create': ('Create a drafted artifact.', {'201': _ARTIFACT},
                         _json(_ref('Artifact'), 'Its fields.')),
    'artifacts.show': ('Show an artifact.', {'200': _ARTIFACT}, None),
    'artifacts.update': (
        'Change an artifact with a JSON patch (status and visibility '
        'too).', {'200': _ARTIFACT},
        {'description': 'RFC 6902 JSON patch.', 'content': {
            'application/json-patch+json': {'schema': {
                'type': 'array', 'items': {'type': 'object'}}}}}),
    'artifacts.delete': ('Delete an artifact and its stored data.',
                         {'204': {'description': 'Deleted.'}}, None),
    'blobs.upload': (
        'Upload a blob\'s data, or register an external location '
        '(application/vnd+openstack.glare-custom-location+json); at 1.2 '
        'link data already stored by its digest '
        '(application/vnd+openstack.glare-blob-digest+json) or import '
        'it from a URL (application/vnd+openstack.glare-blob-import+json, '
        '202).',
        {'200': _ARTIFACT,
         '202': dict(_json(_ref('BlobImport'), 'The import, started.'),
                     headers={'Location': {
                         'description': '/blob-imports/{import_id}',
                         'schema': _STRING}})},
        {'description': 'The data, a location, a digest or an import.',
         'content': dict(_DATA['content'], **{
             'application/vnd+openstack.glare-custom-location+json': {
                 'schema': {
                     'type': 'object', 'required': ['url', 'md5'],
                     'properties': {
                         'url': {'type': 'string', 'maxLength': 2048},
                         'md5': _NULLABLE_STRING,
                         'sha1': _NULLABLE_STRING,
                         'sha256': _NULLABLE_STRING,
                         'location_type': {
                             'enum': [None, 'external', 'internal']},
                         'backend': _NULLABLE_STRING},
                     'additionalProperties': False}},
             'application/vnd+openstack.glare-blob-digest+json': {
                 'schema': {
                     'type': 'object', 'required': ['digest'],
                     'properties': {
                         'digest': {'type': 'string',
                                    'pattern': '^sha256:[0-9a-fA-F]{64}$'},
                         'content_type': {'type': 'string',
                                          'minLength': 1,
                                          'maxLength': 255}},
                     'additionalProperties': False}},
             'application/vnd+openstack.glare-blob-import+json': {
                 'schema': {
                     'type': 'object', 'required': ['import_url'],
                     'properties': {
                         'import_url': {'type': 'string',
                                        'maxLength': 2048},
                         'sha256': {'type': 'string',
                                    'pattern': '^[0-9a-fA-F]{64}$'}},
                     'additionalProperties': False}}})}),
    'blobs.download': ('Download a blob\'s data (Range: 206).',
                       {'200': _DATA, '206': _DATA,
                        '301': {'description': 'An external location.'},
                        '304': {'description': 'Not modified (ETag).'}},
                       None),
    'blobs.remove': ('Remove an external location (1.1).',
                     {'200': _ARTIFACT}, None),
    # 1.2: the version lifecycle.
    'consumers.list_for_artifact': (
        'The consumers registered on an artifact (1.2).',
        {'200': _json(_ref('ConsumerList'), 'Its consumers.')}, None),
    'consumers.register': (
        'Register a consumer of an artifact, or update it (1.2).',
        {'200': _json(_ref('Consumer'), 'The consumer.')},
        _json({'type': 'object', 'required': ['service', 'resource_type'],
               'properties': {'service': _STRING,
                              'resource_type': _STRING,
                              'project_id': _STRING},
               'additionalProperties': False},
              'What uses the artifact.')),
    'consumers.unregister': ('Unregister a consumer of an artifact (1.2).',
                             {'204': {'description': 'Unregistered.'}},
                             None),
    'consumers.list_consumers': (
        'The rebuild list: ?outdated=true (and type_name, name, service) '
        'lists consumers of versions that have a newer one (1.2), a page '
        'of limit (default and maximum as for artifact lists) after '
        'marker, with a next link while more follow.',
        {'200': _json(_ref('OutdatedConsumers'), 'The consumers.')},
        None),
    'consumers.show': (
        'The artifacts one consumer uses, among those the caller can '
        'read (1.2).',
        {'200': _json(_ref('ConsumerUses'), 'What it uses.')}, None),
    'aliases.list_aliases': (
        'The aliases of an artifact and their last moves (1.2).',
        {'200': _json(_ref('Aliases'), 'Its aliases.')}, None),
    'aliases.set_alias': (
        'Point an alias of the name at this version (1.2).',
        {'200': _ARTIFACT}, None),
    'aliases.unset_alias': ('Remove an alias (1.2).',
                            {'204': {'description': 'Removed.'}}, None),
    'retention.show_policy': (
        'The project\'s retention policy for a type (1.2).',
        {'200': _json(_ref('RetentionPolicy'), 'The policy.')}, None),
    'retention.set_policy': (
        'Set the project\'s retention policy for a type (1.2).',
        {'200': _json(_ref('RetentionPolicy'), 'The policy.')},
        _json({'type': 'object', 'required': ['keep_last'],
               'properties': {
                   'keep_last': {'type': 'integer', 'minimum': 1},
                   'keep_days': {'type': ['integer', 'null'],
                                 'minimum': 0}},
               'additionalProperties': False}, 'The policy.')),
    'retention.preview': (
        'What the retention policy would delete and keep, and why '
        '(1.2).',
        {'200': _json(_ref('RetentionPreview'), 'The plan.')}, None),
    # 1.2: sharing.
    'members.list_members': (
        'The members of a shared artifact (1.2).',
        {'200': _json(_ref('MemberList'), 'Its members.')}, None),
    'members.add': (
        'Share an artifact with a project (1.2, owner).',
        {'201': _json(_ref('Member'), 'The membership, pending.')},
        _json({'type': 'object', 'required': ['member'],
               'properties': {'member': _STRING}}, 'The project.')),
    'members.show': ('One membership of a shared artifact (1.2).',
                     {'200': _json(_ref('Member'), 'The membership.')},
                     None),
    'members.set_status': (
        'Accept or reject a shared artifact (1.2, the member).',
        {'200': _json(_ref('Member'), 'The membership.')},
        _json({'type': 'object', 'required': ['status'],
               'properties': {'status': {
                   'enum': ['pending', 'accepted', 'rejected']}}},
              'The answer.')),
    'members.remove': ('Stop sharing an artifact with a project (1.2).',
                       {'204': {'description': 'Removed.'}}, None),
    # 1.2: transfer.
    'upload_sessions.start': (
        'POST {blob_path}/uploads: start a resumable upload session '
        '(1.2).',
        {'202': dict(_json(_ref('UploadSession'), 'The session.'),
                     headers={'Location': {
                         'description': '/upload-sessions/{session_id}',
                         'schema': _STRING}})}, None),
    'upload_sessions.show': (
        'Where to resume an upload session (Range) (1.2).',
        {'204': {'description': 'Its Range and Location.'}}, None),
    'upload_sessions.append': (
        'Append a chunk at its Content-Range (1.2).',
        {'202': {'description': 'Appended; its Range and Location.'}},
        _DATA),
    'upload_sessions.finish': (
        'Finish an upload session: ?digest=sha256:<hex>, with an optional '
        'last chunk (1.2).',
        {'201': dict(_ARTIFACT, headers={'Location': {
            'description': 'The blob.', 'schema': _STRING}})}, _DATA),
    'upload_sessions.cancel': ('Cancel an upload session (1.2).',
                               {'204': {'description': 'Cancelled.'}},
                               None),
    'blobs.show_import': ('How an import from a URL goes (1.2).',
                          {'200': _json(_ref('BlobImport'),
                                        'The import.')}, None),
    'quotas.list_all': ('Every project\'s quotas and the defaults (1.1, '
                        'admin).',
                        {'200': _json(_ref('AllQuotas'), 'The quotas.')},
                        None),
    'quotas.set_all': (
        'Set projects\' quotas (1.1, admin).',
        {'200': {'description': 'Set (the body is null, as Glare\'s).',
                 'content': {'application/json': {'schema': {
                     'type': 'null'}}}}},
        _json({'type': 'array', 'items': _ref('ProjectQuotas')},
              'Each project with all its quotas.')),
    'openapi.show': ('This document.',
                     {'200': _json({'type': 'object'}, 'OpenAPI 3.1.')},
                     None),
    'quotas.show_project': (
        'A project\'s quotas in force and its usage (1.1).',
        {'200': _json({'type': 'array', 'items': _ref('ProjectQuotas')},
                      'The project.')}, None),
}

_DEFAULT_ERROR = _json(_ref('Error'), 'An error, in Glare\'s form.')


def handler_name(handler):
    return '%s.%s' % (handler.__module__.rsplit('.', 1)[-1],
                      handler.__name__)


def _path(template):
    return template.replace('*}', '}')


def _parameters(route, type_names):
    params = []
    for segment in route.segments + ([route.rest] if route.rest else []):
        name = segment.strip('{}') if segment.startswith('{') else segment
        if not segment.startswith('{') and segment != route.rest:
            continue
        schema = {'type': 'string'}
        if name == 'type_name':
            schema['enum'] = type_names
        params.append({'name': name, 'in': 'path', 'required': True,
                       'schema': schema})
    return params


def _artifact_schema(types):
    """One of the types' schemas (each closed: its own fields only)."""
    return {'anyOf': [_ref('Type_%s' % name) for name in sorted(types)]}


def document(server_url=None, version=mv.MAX_VERSION):
    """The document, for the enabled types at ``version``."""
    # The routes name the controllers, one of which serves this.
    from glare.api import routes
    parsed = mv.parse(version)
    types = registry.all_types()
    components = copy.deepcopy(SCHEMAS)
    components['Artifact'] = _artifact_schema(types)
    for name, cls in types.items():
        schema = copy.deepcopy(cls.get_schema(cls.obj_version_for(parsed)))
        # ``all`` lists artifacts of every type: its rows carry more.
        if name == 'all':
            schema.pop('additionalProperties', None)
        components['Type_%s' % name] = schema
    paths = {}
    for route in routes.ROUTES:
        operations = paths.setdefault(_path(route.template), {})
        for method, handler in sorted(route.handlers.items()):
            summary, responses, body = OPERATIONS[handler_name(handler)]
            responses = dict(responses, default=_DEFAULT_ERROR)
            operation = {
                'operationId': '%s %s' % (method, _path(route.template)),
                'summary': summary,
                'responses': responses,
            }
            if method == 'HEAD':
                operation['responses'] = {
                    code: {'description': value['description']}
                    for code, value in responses.items()}
            if route.min_version is not None:
                operation['x-openstack-min-microversion'] = '%d.%d' % \
                    route.min_version
            if body is not None:
                operation['requestBody'] = body
            params = _parameters(route, sorted(types))
            if params:
                operation['parameters'] = params
            operations[method.lower()] = operation
    document = {
        'openapi': OPENAPI_VERSION,
        'info': {
            'title': 'glare: the OpenStack artifact repository',
            'version': version,
            'description': 'The Glare v1 artifact API. Microversions '
                           'with OpenStack-API-Version: artifact X.Y (%s '
                           'to %s); this document describes %s.' % (
                               mv.MIN_VERSION, mv.MAX_VERSION, version),
        },
        'paths': paths,
        'components': {
            'schemas': components,
            'securitySchemes': {'token': {
                'type': 'apiKey', 'in': 'header',
                'name': 'X-Auth-Token'}},
        },
        'security': [{'token': []}],
    }
    if server_url:
        document['servers'] = [{'url': server_url}]
    return document

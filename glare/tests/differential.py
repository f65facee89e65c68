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

"""The differential runner: one table of requests, two servers, compared.

The table (``glare/tests/functional/glare501_parity.yaml``) holds
scenarios, each a list of steps; a step is one request sent to the
reference (Glare 5.0.1) and then to glare. Both answers are normalized,
the documented differences the step is subject to are taken out, and
what is left must be equal.

A step::

    - PATCH: /artifacts/images/{img}     # method: path (and query)
      as: member                         # persona (PERSONAS), default member
      version: '1.1'                     # OpenStack-API-Version: artifact 1.1
      patch: [{op: replace, path: /description, value: x}]
      # or json: (application/json), data: (raw, content_type:),
      # sample: (a named payload of SAMPLES), location: (an external
      # location body), headers:
      save: img                          # the body's id is {img} from now on
      status: 200                        # what Glare 5.0.1 answers
      differences: [name]                # documented differences it shows
      glare: {status: 400}               # what glare answers where a
                                         # difference leaves it open

``{name}`` in paths and bodies stands for what ``save`` recorded (each
server's own id), ``{p1}``, ``{p2}`` and ``{admin_project}`` for the
personas' projects. Every scenario has projects of its own and starts
from servers without artifacts.

Normalized answer: ``status``, a few headers (the ones a client reads)
and the body, with saved ids written back as ``{name}``, other uuids as
``<uuid>``, timestamps as ``<time>``, request ids as ``<request-id>``,
the server's address as ``<server>``, and error messages (prose, not
contract) as ``<message>``.

A scenario with ``pending: why`` is expected to differ (glare has yet
to do what the table says); it fails once it no longer differs.

A documented difference (``differences:`` of the table) says, by paths
into the normalized answer (``body.artifacts.*.description``; ``*`` is
any key or item, ``**`` any number of them):

    ignore: [paths]          compared on neither side
    glare_only: [paths]      keys only glare's answer may have (an item
                             {path: value}: only with that value)
    reference_only: [paths]  keys only the reference's answer may have
    replace: {path: [reference value, glare value]}
                             exactly this, and nothing else, differs
                             (``<absent>``: the path is not there;
                             ``<any>``: any value, which the step checks)
    superset: [paths]        lists where glare's has all the reference's
                             items, and maybe more
    where: error | always    applies to every error answer, or to every
                             answer, without being named by the step

The table's ``cli`` stories are python-glareclient commands, run
against both servers by ``CliStory`` and compared the same way.

``python -m glare.tests.differential REFERENCE_URL GLARE_URL [SCENARIO…]``
runs the table against two servers started by hand and prints what
differs.
"""

import copy
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys

import requests
import yaml

from glare.tests import murano_samples

TABLE_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          'functional', 'glare501_parity.yaml')
REQUEST_TIMEOUT = 60
METHODS = ('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE')
LOCATION_TYPE = 'application/vnd+openstack.glare-custom-location+json'
JSON_PATCH = 'application/json-patch+json'
REFERENCE = 'Glare 5.0.1'
GLARE = 'glare'

# persona: (user, project suffix, roles); the project is the scenario's.
PERSONAS = {
    'admin': ('admin', 'admin_project', 'admin'),
    'member': ('user1', 'p1', 'member'),
    'member2': ('user3', 'p1', 'member'),
    'other': ('user2', 'p2', 'member'),
}
NOBODY = 'nobody'

# Headers a client reads; compared when the reference sends them.
COMPARED_HEADERS = ('content-type', 'location', 'allow', 'content-md5',
                    'x-openstack-glare-content-sha1',
                    'x-openstack-glare-content-sha256')

# Lists whose order means nothing (sets, in the API's words): compared
# sorted.
UNORDERED_KEYS = ('tags', 'project_quotas', 'filter_ops', 'required')

# Payloads too long or too binary for the table: a step's "sample:",
# a CLI story's {file:name}.
SAMPLES = {
    'image': lambda: b'image bytes ' * 100,
    'heat_template': lambda: (b'heat_template_version: 2018-08-31\n'
                              b'resources: {}\n'),
    'heat_environment': lambda: b'parameters: {}\n',
    'tosca_template': lambda: (b'tosca_definitions_version: '
                               b'tosca_simple_yaml_1_3\n'),
    'murano_package': murano_samples.package,
    'secret': lambda: b'c2VjcmV0',
}

_UUID = r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
_UUID_RE = re.compile(_UUID)
_REQUEST_ID_RE = re.compile('req-' + _UUID)
_TIME_RE = re.compile(
    r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]00:00)?$')
_MESSAGE_KEYS = {('explanation',), ('error', 'message'),
                 ('errors', '*', 'detail')}
MASKED_MESSAGE = '<message>'
# main() --messages shows them, to see why two servers refused.
MASK_MESSAGES = True


def load_table(path=TABLE_PATH):
    with open(path) as stream:
        table = yaml.safe_load(stream)
    for name, scenario in table['scenarios'].items():
        for index, step in enumerate(scenario['steps']):
            methods = [m for m in METHODS if m in step]
            if len(methods) != 1:
                raise ValueError('%s step %d: name exactly one method of %s'
                                 % (name, index + 1, ', '.join(METHODS)))
            for difference in step.get('differences', ()):
                if difference not in table['differences']:
                    raise ValueError('%s step %d: no documented difference %r'
                                     % (name, index + 1, difference))
    for name, story in table.get('cli', {}).items():
        for index, step in enumerate(story):
            if isinstance(step, dict) and step.get('output', 'json') not in (
                    'json', 'none', 'exit'):
                raise ValueError('cli %s command %d: output is json, none '
                                 'or exit' % (name, index + 1))
    return table


class Server:
    """One of the two servers, with the ids its answers gave."""

    def __init__(self, label, url):
        self.label = label
        self.url = url.rstrip('/')
        self.session = requests.Session()
        self.ids = {}

    def close(self):
        self.session.close()


class _Story:
    """Steps run against both servers, from servers without artifacts.

    A story's projects are its own (``<prefix><name>-p1``...), so quotas
    and ownership of one never show in another.
    """

    PROJECT_PREFIX = ''

    def __init__(self, name, steps, reference, glare):
        self.name = name
        self.steps = steps
        self.servers = (reference, glare)
        self.projects = {suffix: '%s%s-%s' % (self.PROJECT_PREFIX, name,
                                              suffix)
                         for _, suffix, _ in PERSONAS.values()}

    def run(self):
        """Every step; returns ``(steps compared, mismatches)``."""
        for server in self.servers:
            server.ids = {}
            clean(server)
        mismatches = []
        try:
            for index, step in enumerate(self.steps):
                found = self.run_step(step)
                if found:
                    mismatches.append('step %d (%s): %s' % (
                        index + 1, self.describe(step), '; '.join(found)))
        finally:
            for server in self.servers:
                clean(server)
        return len(self.steps), mismatches

    def run_step(self, step):
        raise NotImplementedError

    def describe(self, step):
        raise NotImplementedError


class Scenario(_Story):
    """Runs one scenario's requests against both servers."""

    def __init__(self, name, spec, differences, reference, glare):
        super().__init__(name, spec['steps'], reference, glare)
        self.differences = differences

    @staticmethod
    def describe(step):
        method = next(m for m in METHODS if m in step)
        return '%s %s as %s' % (method, step[method],
                                step.get('as', 'member'))

    def run_step(self, step):
        answers = []
        for server in self.servers:
            response = self.send(server, step)
            if step.get('save') and response.status_code < 300:
                server.ids[step['save']] = response.json()['id']
            answers.append(self.own_projects(normalize(server, response)))
        reference, glare = answers
        found = []
        expected = step.get('status')
        if expected is not None and reference['status'] != expected:
            found.append('%s answered %s, the table says %s: %s' % (
                REFERENCE, reference['status'], expected,
                _short(reference['body'])))
        for path, expected in step.get('glare', {}).items():
            values = [_get(glare, loc) for loc in _matches(glare, path)]
            if values != [expected]:
                found.append('%s has %s %s, the table says %r' % (
                    GLARE, path, _short(values), expected))
        for name in self.applicable(step, reference, glare):
            found.extend(self.differences[name].apply(name, reference,
                                                      glare))
        found.extend(compare(reference, glare))
        return found

    def own_projects(self, answer):
        """Leave out other scenarios' projects from the quota list.

        Quotas outlive artifacts: other scenarios' projects stay in
        ``GET /quotas``, which lists every project with quotas set.
        """
        body = answer['body']
        if isinstance(body, dict) and isinstance(body.get('quotas'), list):
            mine = set(self.projects.values())
            body['quotas'] = [item for item in body['quotas']
                              if not isinstance(item, dict) or
                              item.get('project_id') in mine]
        return answer

    def applicable(self, step, reference, glare):
        names = list(step.get('differences', ()))
        for name, difference in self.differences.items():
            if name not in names and difference.applies_everywhere(
                    reference, glare):
                names.append(name)
        return names

    def substitute(self, server, text):
        for name, project in self.projects.items():
            text = text.replace('{%s}' % name, project)
        for name, artifact_id in server.ids.items():
            text = text.replace('{%s}' % name, artifact_id)
        return text

    def send(self, server, step):
        method = next(m for m in METHODS if m in step)
        path = self.substitute(server, step[method])
        headers = {}
        persona = step.get('as', 'member')
        if persona != NOBODY:
            user, suffix, roles = PERSONAS[persona]
            headers['X-Auth-Token'] = '%s:%s:%s' % (
                user, self.projects[suffix], roles)
        if 'version' in step:
            headers['OpenStack-API-Version'] = 'artifact %s' % step['version']
        data = None
        if 'json' in step:
            headers['Content-Type'] = 'application/json'
            data = self.substitute(server, json.dumps(step['json']))
        elif 'patch' in step:
            headers['Content-Type'] = JSON_PATCH
            data = self.substitute(server, json.dumps(step['patch']))
        elif 'location' in step:
            headers['Content-Type'] = LOCATION_TYPE
            data = self.substitute(server, json.dumps(step['location']))
        elif 'data' in step:
            headers['Content-Type'] = 'application/octet-stream'
            data = step['data']
            if isinstance(data, str):
                data = self.substitute(server, data)
        elif 'sample' in step:
            headers['Content-Type'] = 'application/octet-stream'
            data = SAMPLES[step['sample']]()
        if 'content_type' in step:
            if step['content_type'] is None:
                headers.pop('Content-Type', None)
            else:
                headers['Content-Type'] = step['content_type']
        for name, value in step.get('headers', {}).items():
            headers[name] = self.substitute(server, str(value))
        if isinstance(data, str):
            data = data.encode('utf-8')
        return server.session.request(
            method, server.url + path, headers=headers, data=data,
            allow_redirects=False, timeout=REQUEST_TIMEOUT)


class Difference:
    """A documented difference: what of two answers is not compared."""

    def __init__(self, spec):
        self.doc = spec['doc']
        self.where = spec.get('where')
        self.ignore = spec.get('ignore', [])
        # A path, or {path: value}: glare's key must have that value.
        self.glare_only = [item if isinstance(item, dict) else {item: ANY}
                           for item in spec.get('glare_only', [])]
        self.superset = spec.get('superset', [])
        self.reference_only = spec.get('reference_only', [])
        self.replace = spec.get('replace', {})

    def applies_everywhere(self, reference, glare):
        if self.where == 'always':
            return True
        if self.where == 'error':
            return reference['status'] >= 400 or glare['status'] >= 400
        return False

    def apply(self, name, reference, glare):
        """Take the difference out of both answers; what did not fit."""
        problems = []
        for path, (expected_reference, expected_glare) in \
                self.replace.items():
            ref_values = [_get(reference, p)
                          for p in _matches(reference, path)]
            glare_values = [_get(glare, p) for p in _matches(glare, path)]
            if _expected(ref_values, expected_reference) and \
                    _expected(glare_values, expected_glare):
                _remove(reference, path)
                _remove(glare, path)
            elif self.where is None:
                problems.append(
                    'difference %s expects %s %r / %s %r, got %r / %r' % (
                        name, REFERENCE, expected_reference, GLARE,
                        expected_glare, ref_values, glare_values))
        for path in self.ignore:
            _remove(reference, path)
            _remove(glare, path)
        for item in self.glare_only:
            for path, value in item.items():
                for location in _matches(glare, path):
                    if _get(reference, location) is _MISSING and (
                            value is ANY or _get(glare, location) == value):
                        _remove(glare, location)
        for path in self.reference_only:
            for location in _matches(reference, path):
                if _get(glare, location) is _MISSING:
                    _remove(reference, location)
        for path in self.superset:
            for location in _matches(reference, path):
                ref_items, glare_items = (_get(reference, location),
                                          _get(glare, location))
                if isinstance(glare_items, list) and all(
                        item in glare_items for item in ref_items):
                    _remove(reference, location)
                    _remove(glare, location)
        return problems


def _expected(values, expected):
    if expected == ABSENT:
        return not values
    if expected == ANY_VALUE:
        return bool(values)
    return bool(values) and all(v == expected for v in values)


def differences_of(table):
    return {name: Difference(spec)
            for name, spec in table['differences'].items()}


# -- normalizing --------------------------------------------------------------

def normalize(server, response):
    """The parts of an answer a client relies on, without what varies."""
    headers = {}
    for name in COMPARED_HEADERS:
        value = response.headers.get(name)
        if value is None:
            continue
        if name == 'content-type':
            value = value.split(';')[0].strip().lower()
        elif name == 'allow':
            # HEAD goes with GET (RFC 9110), whether listed or not.
            value = sorted(m.strip() for m in value.split(',')
                           if m.strip() != 'HEAD')
        else:
            value = _mask_string(server, value)
        headers[name] = value
    answer = {'status': response.status_code, 'headers': headers}
    body = response.content
    if headers.get('content-type', '').endswith('json') and body:
        try:
            answer['body'] = _mask(server, json.loads(body))
        except ValueError:
            answer['body'] = _bytes(body)
        if response.status_code >= 400 and MASK_MESSAGES:
            for path in _MESSAGE_KEYS:
                for location in _matches(answer['body'], '.'.join(path)):
                    _set(answer['body'], location, MASKED_MESSAGE)
    elif body:
        answer['body'] = _bytes(body)
    else:
        answer['body'] = None
        # The type of no content.
        headers.pop('content-type', None)
    return answer


def _bytes(body):
    return '<%d bytes, sha256 %s>' % (
        len(body), hashlib.sha256(body).hexdigest()[:16])


def _mask(server, value):
    if isinstance(value, dict):
        masked = {_mask_string(server, k): _mask(server, v)
                  for k, v in value.items()}
        for key in UNORDERED_KEYS:
            if isinstance(masked.get(key), list):
                masked[key] = sorted(masked[key], key=_sort_key)
        return masked
    if isinstance(value, list):
        return [_mask(server, v) for v in value]
    if isinstance(value, str):
        return _mask_string(server, value)
    return value


def _sort_key(value):
    return json.dumps(value, sort_keys=True)


def _mask_string(server, text):
    if _TIME_RE.match(text):
        return '<time>'
    text = text.replace(server.url, '<server>')
    for name, artifact_id in server.ids.items():
        text = text.replace(artifact_id, '{%s}' % name)
    text = _REQUEST_ID_RE.sub('<request-id>', text)
    return _UUID_RE.sub('<uuid>', text)


# -- paths into a normalized answer -------------------------------------------

_MISSING = object()
ANY = object()
# In a difference's replace: the path is not there at all; it is there,
# with whatever value (the step says which, with "glare:").
ABSENT = '<absent>'
ANY_VALUE = '<any>'


def _matches(value, path):
    """Concrete paths (tuples) of ``value`` matching a dotted pattern.

    ``*`` is any one key or item, ``**`` any number of them (none too).
    """
    parts = path.split('.') if isinstance(path, str) else list(path)
    found = []

    def children(node):
        if isinstance(node, list):
            return list(enumerate(node))
        if isinstance(node, dict):
            return list(node.items())
        return []

    def walk(node, done, rest):
        if not rest:
            found.append(tuple(done))
            return
        head, tail = rest[0], rest[1:]
        if head == '**':
            walk(node, done, tail)
            for key, child in children(node):
                walk(child, done + [key], rest)
            return
        for key, child in children(node):
            if head == '*' or str(key) == str(head):
                walk(child, done + [key], tail)

    walk(value, [], parts)
    return sorted(set(found), key=_location_key)


def _location_key(location):
    return [(0, key, '') if isinstance(key, int) else (1, 0, str(key))
            for key in location]


def _get(value, location):
    for key in location:
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            return _MISSING
    return value


def _set(value, location, new):
    for key in location[:-1]:
        value = value[key]
    value[location[-1]] = new


def _remove(value, path):
    # Deepest, last items first, so list indexes stay valid.
    for location in sorted(_matches(value, path), key=_location_key,
                           reverse=True):
        parent = _get(value, location[:-1])
        if isinstance(parent, dict):
            parent.pop(location[-1], None)
        elif isinstance(parent, list):
            del parent[location[-1]]


# -- comparing ----------------------------------------------------------------

def compare(reference, glare):
    """What differs between two normalized answers, as readable lines."""
    found = []
    if reference.get('status') != glare.get('status'):
        found.append('status %s (%s) != %s (%s): %s' % (
            reference.get('status'), REFERENCE, glare.get('status'), GLARE,
            _short(glare.get('body'))))
        return found
    _compare(reference, glare, '', found)
    return found


def _compare(ref, mine, path, found):
    if isinstance(ref, dict) and isinstance(mine, dict):
        for key in sorted(set(ref) | set(mine), key=str):
            where = '%s.%s' % (path, key) if path else str(key)
            if key not in mine:
                found.append('%s: only %s has it (%s)' % (
                    where, REFERENCE, _short(ref[key])))
            elif key not in ref:
                found.append('%s: only %s has it (%s)' % (
                    where, GLARE, _short(mine[key])))
            else:
                _compare(ref[key], mine[key], where, found)
    elif isinstance(ref, list) and isinstance(mine, list):
        if len(ref) != len(mine):
            found.append('%s: %d items (%s) != %d items (%s): %s != %s' % (
                path, len(ref), REFERENCE, len(mine), GLARE, _short(ref),
                _short(mine)))
            return
        for index, (a, b) in enumerate(zip(ref, mine)):
            _compare(a, b, '%s.%d' % (path, index), found)
    elif ref != mine or type(ref) is not type(mine):
        found.append('%s: %s (%s) != %s (%s)' % (
            path, _short(ref), REFERENCE, _short(mine), GLARE))


def _short(value, limit=300):
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= limit else text[:limit] + '...'


# -- between scenarios --------------------------------------------------------

def clean(server):
    """Delete every artifact, so the next scenario starts from none."""
    headers = {'X-Auth-Token': 'cleaner:cleaner:admin'}
    for _ in range(20):
        resp = server.session.get(server.url + '/artifacts/all?limit=1000',
                                  headers=headers, timeout=REQUEST_TIMEOUT)
        resp.raise_for_status()
        artifacts = resp.json()['artifacts']
        if not artifacts:
            return
        for art in artifacts:
            server.session.delete(
                '%s/artifacts/%s/%s' % (server.url, art['type_name'],
                                        art['id']),
                headers=headers, timeout=REQUEST_TIMEOUT)
    raise RuntimeError('%s: artifacts are left after cleaning' % server.url)


# -- the command line -----------------------------------------------------

CLI_TIMEOUT = 120


class CliStory(_Story):
    """python-glareclient's ``glare`` commands run against both servers.

    Each command of the story is run as a user types it; the exit codes
    must be the same, and what the command prints (``-f json``) too,
    with ids and times masked as in answers.
    """

    PROJECT_PREFIX = 'cli-'

    def __init__(self, name, steps, reference, glare, glare_bin, env,
                 files_dir):
        super().__init__(name, [step if isinstance(step, dict)
                                else {'run': step} for step in steps],
                         reference, glare)
        self.glare_bin = glare_bin
        self.env = env
        self.files_dir = files_dir

    def run_step(self, step):
        return compare(*[self.command(server, step)
                         for server in self.servers])

    @staticmethod
    def describe(step):
        return 'glare %s' % step['run']

    def command(self, server, step):
        user, suffix, roles = PERSONAS[step.get('as', 'member')]
        args = [self._argument(arg) for arg in shlex.split(step['run'])]
        output = step.get('output', 'json')
        if output == 'json':
            args += ['-f', 'json']
        result = subprocess.run(
            [self.glare_bin, '--os-glare-url', server.url, '--auth-token',
             '%s:%s:%s' % (user, self.projects[suffix], roles)] + args,
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            env=self.env, timeout=CLI_TIMEOUT)
        answer = {'status': result.returncode}
        if output == 'json' and result.returncode == 0:
            body = _mask(server, _rows(json.loads(result.stdout)))
            if step.get('unordered'):
                body = sorted(body, key=_sort_key)
            answer['body'] = body
        return answer

    def _argument(self, arg):
        for name, project in self.projects.items():
            arg = arg.replace('{%s}' % name, project)
        if arg.startswith('{file:') and arg.endswith('}'):
            name = arg[len('{file:'):-1]
            path = os.path.join(self.files_dir, name)
            if not os.path.exists(path):
                with open(path, 'wb') as stream:
                    stream.write(SAMPLES[name]())
            return path
        return arg


def _rows(printed):
    """A command's JSON: rows by Field, other lists as they are.

    A JSON object's keys, which the rows show, have no order.
    """
    if isinstance(printed, list) and printed and all(
            isinstance(row, dict) and 'Field' in row for row in printed):
        rows = {row['Field']: row for row in printed}
        for key in UNORDERED_KEYS:
            if isinstance(rows.get(key, {}).get('Value'), list):
                rows[key]['Value'] = sorted(rows[key]['Value'],
                                            key=_sort_key)
        return rows
    return printed


def run_cli_story(table, name, reference, glare, glare_bin, env,
                  files_dir):
    return CliStory(name, table['cli'][name], reference, glare, glare_bin,
                    env, files_dir).run()


def run_scenario(table, name, reference, glare):
    scenario = Scenario(name, table['scenarios'][name],
                        differences_of(copy.deepcopy(table)), reference,
                        glare)
    return scenario.run()


def main(argv=None):
    global MASK_MESSAGES
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == '--messages':
        MASK_MESSAGES = False
        argv = argv[1:]
    if len(argv) < 2:
        print(__doc__.split('\n\n')[0])
        print('usage: python -m glare.tests.differential [--messages] '
              'REFERENCE_URL GLARE_URL [SCENARIO ...]')
        return 2
    table = load_table()
    reference, glare = Server(REFERENCE, argv[0]), Server(GLARE, argv[1])
    names = argv[2:] or list(table['scenarios'])
    failed = 0
    for name in names:
        steps, mismatches = run_scenario(table, name, reference, glare)
        pending = table['scenarios'][name].get('pending')
        print('%s %s (%d steps)%s' % (
            'DIFFERS' if mismatches else 'same   ', name, steps,
            ' [pending: %s]' % pending if pending else ''))
        for line in mismatches:
            print('    ' + line)
        failed += bool(mismatches)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())

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

"""A real OpenStack Keystone on loopback for the integration tests.

Keystone is installed from PyPI into a virtualenv of its own (its pins are
not glare's), once: the virtualenv is cached under
``$XDG_CACHE_HOME/glare-tests`` (or ``GLARE_TEST_KEYSTONE_VENV``) and
reused by later runs. ``KeystoneServer`` configures a throw-away Keystone
(SQLite, fernet tokens, in-process cache, cheap password hashing),
bootstraps it, serves it with gunicorn on a free loopback port and seeds
the users the permission tests need (``seed``). The pins live in
``tools/keystone/constraints.txt``.

Run ``python -m glare.tests.keystone`` to start one by hand: it prints
the URL and the ``[keystone_authtoken]`` section for glare, and serves
until interrupted.
"""

import atexit
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import fixtures
from keystoneauth1.identity import v3
from keystoneauth1 import session as ks_session

from glare.tests import venvs

KEYSTONE_VERSION = '30.0.0'
KEYSTONEMIDDLEWARE_VERSION = '13.0.1'
GUNICORN_VERSION = '27.0.1'
ADMIN_PASSWORD = 'admin-secret'
PASSWORD = 'secret'
SERVICE_USER = 'glare'
REGION = 'RegionOne'
COMMAND_TIMEOUT = 900
START_TIMEOUT = 90
STOP_TIMEOUT = 15

_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
CONSTRAINTS = os.path.join(_ROOT, 'tools', 'keystone', 'constraints.txt')

# project -> users and their role on it. ``member`` implies ``reader``
# and ``admin`` implies both (keystone's default implied roles).
PROJECTS = {
    'demo': {'demo_member': 'member', 'demo_reader': 'reader'},
    'alt': {'alt_member': 'member', 'alt_reader': 'reader'},
    # A project demo shares artifacts with (glare's sharing tests).
    'partner': {'partner_member': 'member', 'partner_reader': 'reader'},
    # glare validates tokens as ``glare``; ``nova`` stands for any other
    # OpenStack service calling glare. Neither is an admin.
    'service': {SERVICE_USER: 'service', 'nova': 'service'},
}

# Keystone parses sys.argv when imported: under gunicorn it would read
# gunicorn's arguments and the worker would die at every start.
_WSGI_SHIM = '''import sys
sys.argv = sys.argv[:1]
from keystone.wsgi.api import application  # noqa
'''

_CONFIG = '''[DEFAULT]
log_file = {dir}/keystone.log
[database]
connection = sqlite:///{dir}/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = {dir}/fernet-keys
[fernet_receipts]
key_repository = {dir}/fernet-keys
[credential]
key_repository = {dir}/credential-keys
[identity]
# bcrypt's default cost makes every password check take ~0.3 s.
password_hash_rounds = 4
[cache]
# Validation in ~8 ms instead of ~120 ms; per process, so one worker.
enabled = true
backend = dogpile.cache.memory
'''


def _run(command, timeout=COMMAND_TIMEOUT, env=None):
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True,
                            timeout=timeout, env=env)
    if result.returncode:
        raise RuntimeError('%s failed (%s):\n%s%s' % (
            ' '.join(command), result.returncode, result.stdout,
            result.stderr))
    return result.stdout


def keystone_venv():
    """keystone, keystonemiddleware and gunicorn, in a kept virtualenv."""
    return venvs.CachedVenv(
        'keystone-venv-%s' % KEYSTONE_VERSION,
        ['keystone==%s' % KEYSTONE_VERSION,
         'keystonemiddleware==%s' % KEYSTONEMIDDLEWARE_VERSION,
         'gunicorn==%s' % GUNICORN_VERSION],
        env_var='GLARE_TEST_KEYSTONE_VENV', constraints=CONSTRAINTS)


def _fernet_keys(directory):
    """What ``keystone-manage fernet_setup`` makes, without its 2 s."""
    os.mkdir(directory, 0o700)
    for index in (0, 1):
        path = os.path.join(directory, str(index))
        with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600),
                  'wb') as stream:
            stream.write(base64.urlsafe_b64encode(os.urandom(32)))


class KeystoneServer(fixtures.Fixture):
    """A bootstrapped, seeded Keystone serving on a free loopback port.

    After set-up: ``url`` (``http://127.0.0.1:PORT/v3``), ``projects``
    (name -> id), ``users`` (name -> id) and ``authtoken_options()`` for
    glare's ``[keystone_authtoken]``.
    """

    def __init__(self, venv=None):
        super().__init__()
        self.venv = venv
        self.process = None

    def _setUp(self):
        if self.venv is None:
            self.venv = self.useFixture(keystone_venv())
        self.dir = tempfile.mkdtemp(prefix='glare-keystone-')
        self.addCleanup(shutil.rmtree, self.dir, True)
        from glare.tests.functional import server
        self.port = server.free_port()
        self.url = 'http://127.0.0.1:%d/v3' % self.port
        self.config_path = os.path.join(self.dir, 'keystone.conf')
        with open(self.config_path, 'w') as stream:
            stream.write(_CONFIG.format(dir=self.dir))
        _fernet_keys(os.path.join(self.dir, 'fernet-keys'))
        _fernet_keys(os.path.join(self.dir, 'credential-keys'))
        manage = [self.venv.bin('keystone-manage'),
                  '--config-file', self.config_path]
        env = dict(os.environ, PYTHONWARNINGS='ignore')
        _run(manage + ['db_sync'], timeout=START_TIMEOUT, env=env)
        _run(manage + ['bootstrap',
                       '--bootstrap-password', ADMIN_PASSWORD,
                       '--bootstrap-region-id', REGION,
                       '--bootstrap-public-url', self.url,
                       '--bootstrap-internal-url', self.url,
                       '--bootstrap-admin-url', self.url],
             timeout=START_TIMEOUT, env=env)
        with open(os.path.join(self.dir, 'ks_wsgi.py'), 'w') as stream:
            stream.write(_WSGI_SHIM)
        self._start(env)
        self.admin = self.session('admin', 'admin', ADMIN_PASSWORD)
        self.seed()

    def _start(self, env):
        env = dict(env, OS_KEYSTONE_CONFIG_FILES=self.config_path)
        self.log_path = os.path.join(self.dir, 'server.log')
        with open(self.log_path, 'ab') as log:
            self.process = subprocess.Popen(
                [self.venv.bin('gunicorn'),
                 '--chdir', self.dir, '--bind', '127.0.0.1:%d' % self.port,
                 '--workers', '1', '--threads', '4', '--timeout', '120',
                 '--no-control-socket', 'ks_wsgi:application'],
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=env, cwd=self.dir,
                start_new_session=True)
        self.addCleanup(self._stop)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise RuntimeError('keystone exited with %s:\n%s' % (
                    self.process.returncode, self.log_text()))
            try:
                with urllib.request.urlopen(self.url, timeout=2) as resp:
                    if resp.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError('keystone did not answer on %s within '
                                   '%ss:\n%s' % (self.url, START_TIMEOUT,
                                                 self.log_text()))
            time.sleep(0.1)

    def _stop(self):
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)

    def log_text(self):
        text = ''
        for name in ('server.log', 'keystone.log'):
            try:
                with open(os.path.join(self.dir, name),
                          errors='replace') as log:
                    text += '--- %s\n%s' % (name, log.read()[-20000:])
            except FileNotFoundError:
                pass
        return text

    # -- identity ----------------------------------------------------------

    def session(self, user, project, password=PASSWORD):
        """A keystoneauth1 session of ``user`` scoped to ``project``."""
        return ks_session.Session(auth=v3.Password(
            auth_url=self.url, username=user, password=password,
            project_name=project, user_domain_id='default',
            project_domain_id='default'))

    def token(self, user, project=None, password=PASSWORD):
        """A fresh project-scoped token of ``user``."""
        if user == 'admin':
            project, password = 'admin', ADMIN_PASSWORD
        return self.session(user, project, password).get_token()

    def revoke(self, token):
        self._identity('delete', '/auth/tokens',
                       headers={'X-Subject-Token': token})

    def _identity(self, method, path, **kwargs):
        resp = getattr(self.admin, method)(
            path, endpoint_filter={'service_type': 'identity',
                                   'interface': 'public'}, **kwargs)
        return resp.json() if resp.content else None

    def _ensure(self, kind, body):
        found = self._identity('get', '/%ss?name=%s' % (
            kind, body['name']))['%ss' % kind]
        if found:
            return found[0]['id']
        return self._identity('post', '/%ss' % kind,
                              json={kind: body})[kind]['id']

    def seed(self):
        """Projects, users with their roles (see ``PROJECTS``)."""
        roles = {role['name']: role['id']
                 for role in self._identity('get', '/roles')['roles']}
        roles.setdefault('service', self._ensure('role', {'name': 'service'}))
        self.projects = {'admin': self._ensure(
            'project', {'name': 'admin', 'domain_id': 'default'})}
        self.users = {}
        for project, users in PROJECTS.items():
            project_id = self._ensure(
                'project', {'name': project, 'domain_id': 'default'})
            self.projects[project] = project_id
            for user, role in users.items():
                user_id = self._ensure('user', {
                    'name': user, 'domain_id': 'default',
                    'password': PASSWORD,
                    'default_project_id': project_id})
                self.users[user] = user_id
                self._identity('put', '/projects/%s/users/%s/roles/%s' % (
                    project_id, user_id, roles[role]))

    def register_service(self, url, service_type='artifact', name='glare'):
        """Put glare in the catalog: public, internal and admin ``url``.

        It replaces any service of ``service_type`` an earlier test class
        registered (a client looking it up would pick either).
        """
        for stale in self._identity('get', '/services?type=%s' %
                                    service_type)['services']:
            self.unregister_service(stale['id'])
        service_id = self._identity('post', '/services', json={'service': {
            'type': service_type, 'name': name,
            'description': 'Artifact repository'}})['service']['id']
        for interface in ('public', 'internal', 'admin'):
            self._identity('post', '/endpoints', json={'endpoint': {
                'service_id': service_id, 'interface': interface,
                'url': url, 'region_id': REGION}})
        return service_id

    def unregister_service(self, service_id):
        """Take a service and its endpoints out of the catalog."""
        self._identity('delete', '/services/%s' % service_id)

    def authtoken_options(self, **overrides):
        """glare's ``[keystone_authtoken]`` for this Keystone."""
        options = {
            'www_authenticate_uri': self.url,
            'auth_url': self.url,
            'auth_type': 'password',
            'username': SERVICE_USER,
            'password': PASSWORD,
            'project_name': 'service',
            'user_domain_name': 'Default',
            'project_domain_name': 'Default',
            # keystonemiddleware looks for the internal endpoint otherwise.
            'interface': 'public',
        }
        options.update(overrides)
        return options


_SHARED = None


def shared_server():
    """The Keystone of this test process, started on first use.

    Test classes of one process share it (starting one takes ~7 s); it
    stops when the process exits.
    """
    global _SHARED
    if _SHARED is None:
        keystone = KeystoneServer()
        keystone.setUp()
        atexit.register(keystone.cleanUp)
        _SHARED = keystone
    return _SHARED


def main():
    keystone = KeystoneServer()
    keystone.setUp()
    try:
        print('Keystone serving on %s (admin / %s; users of PROJECTS / '
              '%s)\n\n[keystone_authtoken]' % (keystone.url, ADMIN_PASSWORD,
                                               PASSWORD))
        for key, value in keystone.authtoken_options().items():
            print('%s = %s' % (key, value))
        sys.stdout.flush()
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        keystone.cleanUp()


if __name__ == '__main__':
    main()

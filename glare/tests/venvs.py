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

"""Virtualenvs for the outside programs tests run (clients, servers).

Each is built once and kept under ``$XDG_CACHE_HOME/glare-tests`` (or
``~/.cache/glare-tests``): a marker file records what was installed, so a
changed requirement or an interrupted build is rebuilt, and a lock keeps
parallel test workers from building the same one together.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys

import fixtures

INSTALL_TIMEOUT = 900
MARKER = 'glare-tests-installed'


def cache_dir():
    cache = os.environ.get('XDG_CACHE_HOME') or os.path.join(
        os.path.expanduser('~'), '.cache')
    return os.path.join(cache, 'glare-tests')


class CachedVenv(fixtures.Fixture):
    """A kept virtualenv with ``requirements`` installed from PyPI.

    ``name`` names its directory; ``env_var``, when set in the
    environment, is a path to use instead.
    """

    def __init__(self, name, requirements, env_var=None, constraints=None):
        super().__init__()
        self.requirements = list(requirements)
        self.constraints = constraints
        self.path = (env_var and os.environ.get(env_var)) or os.path.join(
            cache_dir(), '%s-py%d.%d' % ((name,) + sys.version_info[:2]))

    def _setUp(self):
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        wanted = '\n'.join(self.requirements) + '\n'
        if self.constraints:
            # What the constraints say, not where the checkout is.
            with open(self.constraints, 'rb') as stream:
                wanted += 'constraints sha256 %s\n' % hashlib.sha256(
                    stream.read()).hexdigest()
        marker = os.path.join(self.path, MARKER)
        with open(self.path + '.lock', 'w') as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if _read(marker) != wanted:
                    self._build()
                    with open(marker, 'w') as stream:
                        stream.write(wanted)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def bin(self, name):
        return os.path.join(self.path, 'bin', name)

    def _build(self):
        # Whatever an interrupted or outdated build left is not trusted.
        shutil.rmtree(self.path, ignore_errors=True)
        _call([sys.executable, '-m', 'venv', self.path])
        constraints = ['-c', self.constraints] if self.constraints else []
        _call([self.bin('python'), '-m', 'pip', 'install', '--quiet',
               '--disable-pip-version-check'] + constraints +
              self.requirements)


def _read(path):
    try:
        with open(path) as stream:
            return stream.read()
    except OSError:
        return None


def _call(command):
    result = subprocess.run(command, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True,
                            timeout=INSTALL_TIMEOUT)
    if result.returncode:
        raise RuntimeError('%s failed (%s):\n%s%s' % (
            ' '.join(command), result.returncode, result.stdout,
            result.stderr))

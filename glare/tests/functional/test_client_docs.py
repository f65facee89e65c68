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

"""The examples of client.rst and lifecycle.rst, run on a real glare-api.

The SDK's examples are doctests (``>>>``); the commands are the ``$``
lines of its ``code-block:: console`` blocks, run one after the other by
bash with the real ``openstack`` CLI of the cached virtualenv, each
line's standard output compared with the lines under it (``...`` stands
for any text, runs of white space compare equal). The documented
``http://127.0.0.1:9494`` is replaced by the test server's URL; the
image files the examples upload are made in the working directory.
Each part gets a server of its own, so their artifacts do not meet.
"""

import doctest
import os
import re
import shlex
import subprocess
import sys

import fixtures

from glare.tests.functional import server
from glare.tests.functional import test_openstackclient as osc

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
DOC = os.path.join(ROOT, 'doc', 'source', 'client.rst')
LIFECYCLE_DOC = os.path.join(ROOT, 'doc', 'source', 'lifecycle.rst')
DOCUMENTED_URL = 'http://127.0.0.1:9494'
# The configuration file the documented glare-scrubber reads: the test
# server's.
DOCUMENTED_CONFIG = '/etc/glare/glare.conf'
# ``export NAME=$(command)``: the variable gets what the command prints.
_EXPORT_OUTPUT = re.compile(r'^export (\w+)=(\$\(.*\))$', re.S)
# The files the examples upload: a qcow2 header, then zeros, as long as
# the real cirros images.
IMAGES = {'cirros-0.6.2-x86_64-disk.img': 21430272,
          'cirros-0.6.3-rc.1-x86_64-disk.img': 21495808}
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_CONSOLE_BLOCK = re.compile(
    r'^\.\. code-block:: console\n\n((?:(?:   .*)?\n)+)', re.MULTILINE)


def documentation(url, path=DOC, config=None):
    """The text of a document, talking to the server at ``url``."""
    with open(path) as stream:
        text = stream.read().replace(DOCUMENTED_URL, url)
    if config:
        text = text.replace(DOCUMENTED_CONFIG, config)
    return text


def console_examples(text):
    """``[(line number, command, expected output)]`` of the document."""
    examples = []
    for block in _CONSOLE_BLOCK.finditer(text):
        first_line = text.count('\n', 0, block.start(1)) + 1
        lines = [line[3:] for line in block.group(1).split('\n')]
        index = 0
        while index < len(lines):
            line = lines[index]
            if not line.startswith('$ '):
                index += 1
                continue
            number = first_line + index
            command = line[2:]
            while command.endswith('\\'):
                index += 1
                command = command[:-1] + ' ' + lines[index].strip()
            index += 1
            output = []
            while index < len(lines) and not lines[index].startswith('$ '):
                output.append(lines[index])
                index += 1
            examples.append((number, command,
                             '\n'.join(output).strip('\n') + '\n'))
    return examples


def make_images(directory):
    for name, size in IMAGES.items():
        with open(os.path.join(directory, name), 'wb') as stream:
            stream.write(b'QFI\xfb')
            stream.truncate(size)


class TestSDKExamples(server.ServerTestCase):
    def test_sdk_examples(self):
        work_dir = self.useFixture(fixtures.TempDir()).path
        make_images(work_dir)
        self.addCleanup(os.chdir, os.getcwd())
        os.chdir(work_dir)
        text = documentation(self.url)
        test = doctest.DocTestParser().get_doctest(
            text, {}, 'client.rst', DOC, 0)
        self.assertGreater(len(test.examples), 20)
        report = []
        runner = doctest.DocTestRunner(optionflags=OPTIONS)
        results = runner.run(test, out=report.append)
        self.assertEqual(0, results.failed, ''.join(report))


class _CommandExamples(osc.UsesOpenStackClient, server.ServerTestCase):
    """Runs the ``$`` lines of a document with the real ``openstack``."""

    def run_examples(self, path, at_least):
        work_dir = self.useFixture(fixtures.TempDir()).path
        make_images(work_dir)
        env = self.client_env(work_dir)
        # The CLI, then glare's own commands (glare-scrubber).
        env['PATH'] = os.pathsep.join(
            [os.path.join(self.venv.path, 'bin'),
             os.path.dirname(sys.executable), env.get('PATH', '')])
        name = os.path.basename(path)
        examples = console_examples(documentation(
            self.url, path, self.server.config_path))
        self.assertGreater(len(examples), at_least)
        checker = doctest.OutputChecker()
        for number, command, expected in examples:
            output = _EXPORT_OUTPUT.match(command)
            if output:
                result = subprocess.run(
                    ['bash', '-o', 'pipefail', '-c',
                     'printf %%s %s' % output.group(2)], env=env,
                    cwd=work_dir, stdin=subprocess.DEVNULL,
                    capture_output=True, text=True,
                    timeout=osc.COMMAND_TIMEOUT)
                self.assertEqual(0, result.returncode, '%s line %d: %s' % (
                    name, number, result.stderr))
                env[output.group(1)] = result.stdout.strip()
                continue
            if command.startswith('export '):
                for assignment in shlex.split(command)[1:]:
                    var, _sep, value = assignment.partition('=')
                    env[var] = value
                continue
            result = subprocess.run(
                ['bash', '-o', 'pipefail', '-c', command], env=env,
                cwd=work_dir, stdin=subprocess.DEVNULL, capture_output=True,
                text=True, timeout=osc.COMMAND_TIMEOUT)
            where = '%s line %d: %s\nexit %d, stderr:\n%s' % (
                name, number, command, result.returncode, result.stderr)
            self.assertEqual(0, result.returncode, where)
            if expected == '\n':
                expected = ''
            self.assertTrue(
                checker.check_output(expected, result.stdout, OPTIONS),
                '%s\n%s' % (where, checker.output_difference(
                    doctest.Example(command, expected), result.stdout,
                    OPTIONS)))


class TestCommandExamples(_CommandExamples):
    def test_command_examples(self):
        self.run_examples(DOC, 10)


class TestLifecycleGuide(_CommandExamples):
    """The version lifecycle story of lifecycle.rst (microversion 1.2)."""

    def test_lifecycle_guide(self):
        self.run_examples(LIFECYCLE_DOC, 15)

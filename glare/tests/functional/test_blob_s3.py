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

"""The S3 backend, chosen by configuration alone, against a real S3 server.

``moto[server]`` plays S3 on a loopback port. It is big (a web framework
and half of AWS's models), so it lives in a virtualenv of its own, made
once and cached under ``$XDG_CACHE_HOME/glare-tests`` (or
``GLARE_TEST_MOTO_VENV``); glare's own test environment only needs
boto3, which glance_store's S3 driver uses.
"""

import hashlib
import os
import subprocess
import time
import uuid

import boto3
import fixtures
import requests

from glare.tests.functional import server
from glare.tests import venvs

MOTO_REQUIREMENT = 'moto[server]>=5.0,<6'
START_TIMEOUT = 60
ADMIN = {'X-Auth-Token': 'admin:admin:admin'}
BUCKET = 'glare-blobs'
KEYS = {'aws_access_key_id': 'glare-test', 'aws_secret_access_key': 'secret'}
MiB = 1024 * 1024


class MotoServer(fixtures.Fixture):
    """``moto_server`` (S3) on a free loopback port; ``self.url``."""

    def _setUp(self):
        venv = self.useFixture(venvs.CachedVenv(
            'moto-venv', [MOTO_REQUIREMENT], env_var='GLARE_TEST_MOTO_VENV'))
        self.url = 'http://127.0.0.1:%d' % server.free_port()
        log_path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                                'moto.log')
        with open(log_path, 'wb') as log:
            process = subprocess.Popen(
                [venv.bin('moto_server'), '-H',
                 '127.0.0.1', '-p', self.url.rsplit(':', 1)[1]],
                stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        self.addCleanup(self._stop, process)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                requests.get(self.url, timeout=2)
                return
            except requests.ConnectionError:
                if process.poll() is not None or \
                        time.monotonic() > deadline:
                    with open(log_path, errors='replace') as log:
                        raise RuntimeError('moto_server did not start:\n' +
                                           log.read())
                time.sleep(0.1)

    @staticmethod
    def _stop(process):
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(20)


def s3_config(url):
    """glare-api options storing every blob in the S3 server at ``url``.

    ``(options, sections)`` for ``server.GlareServer``.
    """
    return {'enabled_backends': 's3a:s3'}, {
        'glance_store': {'default_backend': 's3a'},
        's3a': {
            's3_store_host': url,
            's3_store_access_key': KEYS['aws_access_key_id'],
            's3_store_secret_key': KEYS['aws_secret_access_key'],
            's3_store_bucket': BUCKET,
            's3_store_create_bucket_on_put': True,
            's3_store_bucket_url_format': 'path',
        },
    }


class TestS3Backend(server.ServerTestCase):
    """glare-api whose only blob store is S3: nothing but configuration."""

    @classmethod
    def prepare_class(cls):
        cls.moto = cls.use_class_fixture(MotoServer())
        cls.server_options, cls.server_sections = s3_config(cls.moto.url)

    def objects(self):
        """Keys in the bucket, asked of S3 directly."""
        s3 = boto3.client('s3', endpoint_url=self.moto.url,
                          region_name='us-east-1', **KEYS)
        try:
            listing = s3.list_objects_v2(Bucket=BUCKET)
        except s3.exceptions.NoSuchBucket:
            return []
        return sorted(item['Key'] for item in listing.get('Contents', ()))

    def test_upload_download_and_delete(self):
        data = os.urandom(3 * MiB + 5)
        created = requests.post(
            self.url + '/artifacts/images', headers=ADMIN, timeout=30,
            json={'name': 's3-%s' % uuid.uuid4().hex})
        self.assertEqual(201, created.status_code, created.text)
        art = created.json()
        url = '%s/artifacts/images/%s/image' % (self.url, art['id'])
        before = self.objects()

        resp = requests.put(url, data=data, headers=ADMIN, timeout=60)
        self.assertEqual(200, resp.status_code, resp.text)
        blob = resp.json()['image']
        self.assertEqual((len(data), hashlib.md5(data).hexdigest(),
                          hashlib.sha256(data).hexdigest()),
                         (blob['size'], blob['md5'], blob['sha256']))
        # The data is in S3 and nowhere under the state directory.
        self.assertEqual(1, len(set(self.objects()) - set(before)))
        self.assertFalse(os.path.exists(os.path.join(
            self.server.state_dir, 'blobs')))

        got = requests.get(url, headers=ADMIN, timeout=60)
        self.assertEqual(200, got.status_code)
        self.assertEqual(data, got.content)
        # S3's driver always reads whole objects; glare still cuts ranges.
        part = requests.get(url, timeout=60, headers=dict(
            ADMIN, Range='bytes=%d-%d' % (MiB, MiB + 99)))
        self.assertEqual(206, part.status_code)
        self.assertEqual(data[MiB:MiB + 100], part.content)

        deleted = requests.delete(self.url + '/artifacts/images/' +
                                  art['id'], headers=ADMIN, timeout=60)
        self.assertEqual(204, deleted.status_code, deleted.text)
        self.assertEqual(before, self.objects())

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

"""Calling type hooks: errors become 400s, changes are checked.

Upload hooks are called by glare.engine.uploads (test_uploads).
"""

from glare import context
from glare.engine import hooks
from glare import exception
from glare.objects import base as objects_base
from glare.objects import fields as f
from glare.tests import base


class Recorder(objects_base.BaseArtifact):
    VERSION = '1.0'
    fields = {'note': f.String(mutable=True), 'count': f.Integer(),
              'data': f.Blob()}
    calls = []

    @classmethod
    def get_type_name(cls):
        return 'unit_test_recorder'

    @classmethod
    def pre_update_hook(cls, context, artifact, changed):
        cls.calls.append(('update', sorted(changed)))
        artifact.count = 7

    @classmethod
    def pre_activate_hook(cls, context, artifact):
        cls.calls.append(('activate',))

    @classmethod
    def pre_publish_hook(cls, context, artifact):
        cls.calls.append(('publish',))


def _artifact(cls=Recorder):
    ctx = context.RequestContext(user_id='u', project_id='p')
    return cls.new(ctx, {'name': 'a'})


class TestRun(base.TestCase):
    def test_any_exception_is_a_400_with_its_message(self):
        def hook(context, artifact):
            raise KeyError('nope')
        exc = self.assertRaises(exception.BadRequest, hooks.run, hook, None,
                                _artifact())
        self.assertEqual(400, exc.code)
        self.assertIn('nope', exc.msg)

    def test_an_empty_message_names_the_hook(self):
        def pre_thing_hook(context, artifact):
            raise ValueError()
        exc = self.assertRaises(exception.BadRequest, hooks.run,
                                pre_thing_hook, None, _artifact())
        self.assertIn('pre_thing_hook of artifact type unit_test_recorder',
                      exc.msg)

    def test_glare_errors_keep_their_status(self):
        def hook(context, artifact):
            raise exception.Conflict('busy')
        exc = self.assertRaises(exception.Conflict, hooks.run, hook, None,
                                _artifact())
        self.assertEqual(409, exc.code)


class TestBeforeUpdate(base.TestCase):
    def setUp(self):
        super().setUp()
        Recorder.calls = []

    def test_hooks_run_in_order_and_report_their_changes(self):
        art = _artifact()
        extra = hooks.before_update(None, art, ['note', 'status'],
                                    ('activate', 'publish'))
        self.assertEqual([('update', ['note']), ('activate',),
                          ('publish',)], Recorder.calls)
        self.assertEqual(['count'], extra)

    def test_lifecycle_only_patch_skips_the_update_hook(self):
        hooks.before_update(None, _artifact(), ['status', 'activated_at'],
                            ('activate', None))
        self.assertEqual([('activate',)], Recorder.calls)

    def test_sharing_actions_have_no_hook(self):
        # A type with hooks of its own, shared or made community: no
        # pre_share_hook to look for (functional test_sharing, Image).
        self.assertEqual([], hooks.before_update(
            None, _artifact(), ['visibility'], ('share',)))
        hooks.before_update(None, _artifact(), ['visibility'],
                            ('communitize',))
        self.assertEqual([], Recorder.calls)

    def test_values_a_hook_sets_are_checked(self):
        class Bad(Recorder):
            @classmethod
            def pre_update_hook(cls, context, artifact, changed):
                artifact.count = 'many'

        exc = self.assertRaises(exception.BadRequest, hooks.before_update,
                                None, _artifact(Bad), ['note'], ())
        self.assertEqual(400, exc.code)
        self.assertIn('Invalid value for field count', exc.msg)

    def test_base_hooks_do_nothing(self):
        class Plain(objects_base.BaseArtifact):
            VERSION = '1.0'

            @classmethod
            def get_type_name(cls):
                return 'unit_test_plain'

        art = _artifact(Plain)
        self.assertEqual([], hooks.before_update(
            None, art, ['description'], ('activate', 'publish')))
        hooks.before_create(None, art)
        hooks.before_delete(None, art)
        hooks.before_download(None, art, 'x', None)
        hooks.before_add_location(None, art, 'x', None, 'https://h/x')
        self.assertFalse(Plain.has_upload_hook())

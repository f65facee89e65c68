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

"""Aliases and their history (glare.db.aliases)."""

from glare.db import aliases
from glare.db import models
from glare import exception
from glare.tests.unit.db import rows


class TestAliases(rows.DbTestCase):
    def version(self, version, status='active', **values):
        values = dict({'type_name': 'images', 'name': 'ubuntu',
                       'identity_key': 'qcow2', 'owner': 'p1'}, **values)
        values['id'] = self.add_artifact(version=version, status=status,
                                         **values)
        return values

    def holder(self, alias, owner='p1'):
        with self.session() as session:
            return session.query(models.ArtifactAlias.artifact_id).filter(
                models.ArtifactAlias.alias == alias,
                models.ArtifactAlias.owner == owner).scalar()

    def moves(self, art, limit=10):
        return [(m['alias'], m['from'], m['to'], m['user_id'])
                for m in aliases.history(self.ctx, art, limit)]

    def test_an_alias_moves_and_every_move_is_kept(self):
        old, new = self.version('1.0.0'), self.version('1.1.0')
        self.assertIsNone(aliases.set_alias(self.ctx, old, 'stable', 'u1'))
        self.assertEqual(old['id'], aliases.set_alias(self.ctx, new,
                                                      'stable', 'u2'))
        self.assertEqual(new['id'], self.holder('stable'))
        self.assertEqual(1, self.count(models.ArtifactAlias))
        # Newest first, from any version of the name.
        self.assertEqual([('stable', old['id'], new['id'], 'u2'),
                          ('stable', None, old['id'], 'u1')],
                         self.moves(old))

    def test_setting_it_where_it_is_changes_nothing(self):
        art = self.version('1.0.0')
        aliases.set_alias(self.ctx, art, 'stable', 'u1')
        self.assertEqual(art['id'], aliases.set_alias(self.ctx, art,
                                                      'stable', 'u1'))
        self.assertEqual(1, len(self.moves(art)))

    def test_setting_it_moves_the_row_version(self):
        art = self.version('1.0.0')
        aliases.set_alias(self.ctx, art, 'stable', 'u1')
        with self.session() as session:
            self.assertEqual(2, session.get(models.Artifact,
                                            art['id']).row_version)

    def test_only_active_versions_get_aliases(self):
        art = self.version('1.0.0', status='drafted')
        exc = self.assertRaises(exception.Conflict, aliases.set_alias,
                                self.ctx, art, 'stable', 'u1')
        self.assertIn('not active', str(exc))
        self.assertEqual(0, self.count(models.ArtifactAlias))
        self.assertEqual([], self.moves(art))

    def test_each_owner_and_identity_has_its_own(self):
        mine = self.version('1.0.0')
        raw = self.version('1.0.0', identity_key='raw')
        theirs = self.version('1.0.0', owner='p2')
        for art in (mine, raw, theirs):
            self.assertIsNone(aliases.set_alias(self.ctx, art, 'stable',
                                                'u1'))
        self.assertEqual(3, self.count(models.ArtifactAlias))
        self.assertEqual(theirs['id'], self.holder('stable', owner='p2'))

    def test_unset_removes_it_from_that_version_only(self):
        old, new = self.version('1.0.0'), self.version('1.1.0')
        aliases.set_alias(self.ctx, new, 'stable', 'u1')
        exc = self.assertRaises(exception.AliasNotFound,
                                aliases.unset_alias, self.ctx, old,
                                'stable', 'u1')
        self.assertIn('no alias stable', str(exc))
        self.assertEqual(new['id'], self.holder('stable'))
        aliases.unset_alias(self.ctx, new, 'stable', 'u2')
        self.assertIsNone(self.holder('stable'))
        self.assertEqual(('stable', new['id'], None, 'u2'),
                         self.moves(new)[0])

    def test_a_deleted_artifact_loses_its_aliases_not_the_history(self):
        art = self.version('1.0.0')
        aliases.set_alias(self.ctx, art, 'stable', 'u1')
        aliases.set_alias(self.ctx, art, 'lts', 'u1')
        aliases.remove_all(self.ctx, art['id'])
        self.assertEqual(0, self.count(models.ArtifactAlias))
        self.assertEqual({('stable', art['id'], None, None),
                          ('lts', art['id'], None, None)},
                         set(self.moves(art)[:2]))
        self.assertEqual(4, len(self.moves(art)))

    def test_history_is_limited_to_the_last_moves(self):
        versions = [self.version('1.%d.0' % minor) for minor in range(4)]
        for art in versions:
            aliases.set_alias(self.ctx, art, 'stable', 'u1')
        self.assertEqual([versions[3]['id'], versions[2]['id']],
                         [to for _, _, to, _ in self.moves(versions[0],
                                                           limit=2)])

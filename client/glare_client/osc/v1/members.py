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

"""``openstack artifact member add|remove|list|set`` and ``artifact set``.

Sharing (API microversion 1.2). The owner makes an active artifact
shared (``openstack artifact set --visibility shared``) and adds the
projects it is shared with; each of them accepts it (it then appears in
that project's lists) or rejects it (it stays out of them, still
readable by id); the owner removes members when it no longer shares.
"""

from cliff import command
from cliff import lister
from cliff import show

from glare_client.osc.v1 import common

COLUMNS = ('member_id', 'status', 'created_at', 'updated_at')
STATUSES = ('accepted', 'rejected', 'pending')
# What the owner may set; public is "openstack artifact publish" (admin).
VISIBILITIES = ('private', 'shared', 'community')


def _row(member):
    return tuple(member.get(column) for column in COLUMNS)


def _headers():
    return tuple(c.replace('_', ' ').capitalize() for c in COLUMNS)


class SetArtifact(common.ArtifactCommand):
    """Change who may read an active artifact of your project.

    private: your project only. shared: also the projects you add with
    "openstack artifact member add" once they accept it. community: every
    project, by id or when it lists --filter visibility=community; it is
    in no one else's default list. Making an artifact public is
    "openstack artifact publish" (admin).
    """

    def get_parser(self, prog_name):
        parser = super().get_parser(prog_name)
        parser.add_argument(
            '--visibility', required=True, choices=VISIBILITIES,
            help='private, shared or community.')
        return parser

    def act(self, glare, artifact, parsed_args):
        return glare.set_visibility(parsed_args.type_name, artifact['id'],
                                    parsed_args.visibility)


class ListMembers(common.OnArtifact, lister.Lister):
    """List the projects a shared artifact is shared with.

    The owner sees every member; a member project sees its own
    membership.
    """

    def act(self, glare, artifact, parsed_args):
        members = glare.members(parsed_args.type_name, artifact['id'])
        return _headers(), [_row(member) for member in members]


class AddMember(common.OnArtifact, show.ShowOne):
    """Share a shared artifact with another project.

    The membership is pending until that project accepts or rejects it
    ("openstack artifact member set").
    """

    def add_arguments(self, parser):
        parser.add_argument('member', metavar='<PROJECT_ID>',
                            help='Id of the project to share with.')

    def act(self, glare, artifact, parsed_args):
        member = glare.add_member(parsed_args.type_name, artifact['id'],
                                  parsed_args.member)
        return _headers(), _row(member)


class RemoveMember(common.OnArtifact, command.Command):
    """Stop sharing an artifact with a project."""

    def add_arguments(self, parser):
        parser.add_argument('member', metavar='<PROJECT_ID>',
                            help='Id of the member project to remove.')

    def act(self, glare, artifact, parsed_args):
        glare.remove_member(parsed_args.type_name, artifact['id'],
                            parsed_args.member)


class SetMember(common.OnArtifact, show.ShowOne):
    """Accept or reject an artifact shared with your project.

    accepted: the artifact appears in your project's artifact lists.
    rejected: it stays out of them (you can still show it by id, and list
    it with --filter member_status=rejected). pending: undecided again.
    Only the member project answers, not the owner. An artifact you have
    not accepted is not in your lists: name it by id (--id).
    """

    def add_arguments(self, parser):
        parser.add_argument('member', metavar='<PROJECT_ID>',
                            help='Your project\'s id (the member).')
        parser.add_argument('--status', required=True, choices=STATUSES,
                            help='accepted, rejected or pending.')

    def act(self, glare, artifact, parsed_args):
        member = glare.set_member_status(
            parsed_args.type_name, artifact['id'], parsed_args.member,
            parsed_args.status)
        return _headers(), _row(member)

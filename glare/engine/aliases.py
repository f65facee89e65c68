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

"""Aliases: ``stable``, ``lts``... pointing at one version of a name.

An alias chooses among the versions of one name and identity (the disk
format of an image) in one owner's project; setting it on a version
moves it there from whichever version held it, in one transaction, and
the move is notified and kept in the alias history.
"""

import re

from oslo_log import log

from glare.db import aliases as db_aliases
from glare.db import api as db_api
from glare.engine import notifications
from glare import exception

LOG = log.getLogger(__name__)

# Letters, digits, ".", "_" and "-", starting with a letter or digit.
ALIAS_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')
HISTORY_LENGTH = 20


def check_alias(alias):
    if not isinstance(alias, str) or not ALIAS_RE.match(alias):
        raise exception.BadRequest(
            'Invalid alias %r: an alias is 1 to 64 letters, digits, ".", '
            '"_" or "-", starting with a letter or digit.' % (alias,))
    return alias


def _identity(artifact):
    return {'id': artifact.id, 'type_name': artifact.get_type_name(),
            'name': artifact.name, 'identity_key': artifact.identity_key(),
            'owner': artifact.owner}


@db_api.retry_on_deadlock
def set_alias(context, artifact, alias):
    """Point ``alias`` at ``artifact``; returns the previous holder's id."""
    check_alias(alias)
    if artifact.status != 'active':
        raise exception.Conflict(
            'Artifact %s is %s: only active versions get aliases.' % (
                artifact.id, artifact.status))
    with db_api.transaction(context):
        previous = db_aliases.set_alias(context, _identity(artifact), alias,
                                        context.user_id)
        if previous != artifact.id:
            notifications.artifact_event(context, 'alias.set', artifact,
                                         alias=alias, previous=previous)
    if previous != artifact.id:
        LOG.info('Alias %s of %s %s moved from %s to %s', alias,
                 artifact.get_type_name(), artifact.name, previous,
                 artifact.id)
    return previous


@db_api.retry_on_deadlock
def unset_alias(context, artifact, alias):
    check_alias(alias)
    with db_api.transaction(context):
        db_aliases.unset_alias(context, _identity(artifact), alias,
                               context.user_id)
        notifications.artifact_event(context, 'alias.unset', artifact,
                                     alias=alias)
    LOG.info('Alias %s removed from %s artifact %s', alias,
             artifact.get_type_name(), artifact.id)


def history(context, artifact):
    """The last moves of the aliases among the artifact's versions."""
    return db_aliases.history(context, _identity(artifact), HISTORY_LENGTH)

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

"""Retention: which old versions a project's policy lets glare delete.

A policy per project and type keeps the newest ``keep_last`` active
versions of each name and identity, and anything downloaded within
``keep_days`` days. Whatever a policy keeps, an artifact in use
(consumers), aliased, public or drafted is never deleted. The preview
gives the reason of every decision; a run (glare-scrubber,
``glare-db-manage retention run``) deletes as DELETE does (delayed
delete, notifications), each artifact at the row version it was
checked at: a consumer or an alias that arrives meanwhile moves it,
and the artifact stays.
"""

import datetime

from oslo_log import log
from oslo_utils import timeutils

from glare.db import retention as db_retention
from glare.engine import artifacts
from glare.engine import hooks
from glare import exception
from glare.objects import registry

LOG = log.getLogger(__name__)

IN_USE = 'in use'
ALIASED = 'aliased'
NEWEST = 'among the newest %d'
RECENT = 'downloaded recently'
PUBLIC = 'public'
DRAFTED = 'drafted'
MAX_KEEP = 1000000


def _count(body, name, required):
    value = body.get(name)
    if value is None:
        if required:
            raise exception.BadRequest('%s is required.' % name)
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise exception.BadRequest('%s must be an integer, not %r.' % (
            name, value))
    low = 1 if name == 'keep_last' else 0
    if not low <= value <= MAX_KEEP:
        raise exception.BadRequest('%s must be between %d and %d, not %d.'
                                   % (name, low, MAX_KEEP, value))
    return value


def parse_policy(body):
    """``(keep_last, keep_days)`` of a PUT body; 400 naming the problem."""
    if not isinstance(body, dict):
        raise exception.BadRequest('The body must be a JSON object: '
                                   '{"keep_last": N, "keep_days": D}.')
    unknown = sorted(set(body) - {'keep_last', 'keep_days'})
    if unknown:
        raise exception.BadRequest('Unknown key %s; a retention policy has '
                                   'keep_last and keep_days.' % unknown[0])
    return _count(body, 'keep_last', True), _count(body, 'keep_days', False)


def set_policy(context, project_id, type_name, body):
    keep_last, keep_days = parse_policy(body)
    policy = db_retention.set_policy(context, project_id, type_name,
                                     keep_last, keep_days)
    LOG.info('Retention of %s in project %s: keep the last %d, and those '
             'downloaded within %s days', type_name, project_id, keep_last,
             keep_days)
    return policy


def get_policy(context, project_id, type_name):
    policy = db_retention.get_policy(context, project_id, type_name)
    if policy is None:
        raise exception.RetentionPolicyNotFound(project_id=project_id,
                                                type_name=type_name)
    return policy


def reasons_to_keep(artifact, rank, policy, now):
    """Why ``artifact`` (a dict, see glare.db.retention) stays; [] none.

    ``rank`` is its place among the active versions of its name and
    identity (1: the newest), None when it is not active.
    """
    reasons = []
    if artifact['consumer_count']:
        reasons.append(IN_USE)
    if artifact['aliased']:
        reasons.append(ALIASED)
    if rank is not None and rank <= policy['keep_last']:
        reasons.append(NEWEST % policy['keep_last'])
    if policy['keep_days'] is not None and \
            artifact['last_downloaded_at'] is not None and \
            artifact['last_downloaded_at'] >= now - datetime.timedelta(
                days=policy['keep_days']):
        reasons.append(RECENT)
    if artifact['visibility'] == 'public':
        reasons.append(PUBLIC)
    if artifact['status'] == 'drafted':
        reasons.append(DRAFTED)
    return reasons


def plan(context, policy, now=None):
    """``(to delete, to keep)``: summaries, the kept with their reasons."""
    now = now or timeutils.utcnow()
    ranks = {}
    delete, keep = [], []
    for art in db_retention.versions(context, policy['project_id'],
                                     policy['type_name']):
        rank = None
        if art['status'] == 'active':
            group = (art['name'], art['identity_key'])
            rank = ranks[group] = ranks.get(group, 0) + 1
        summary = {'id': art['id'], 'name': art['name'],
                   'version': art['version'], 'status': art['status']}
        reasons = reasons_to_keep(art, rank, policy, now)
        if reasons:
            keep.append(dict(summary, reasons=reasons))
        else:
            delete.append(summary)
    return delete, keep


def preview(context, project_id, type_name):
    policy = get_policy(context, project_id, type_name)
    delete, keep = plan(context, policy)
    return {'policy': policy, 'delete': delete, 'keep': keep}


def _apply_one(context, artifact_type, summary):
    """Delete one planned artifact if it is still unused and unaliased."""
    try:
        art = artifacts.get(context, artifact_type, summary['id'])
    except exception.NotFound:
        return False
    if art.status == 'deleted' or art.consumer_count or art.aliases or \
            art.visibility == 'public' or art.status == 'drafted':
        return False
    try:
        hooks.before_delete(context, art)
    except exception.GlareException as exc:
        LOG.info('Retention leaves %s artifact %s: its type refuses: %s',
                 art.get_type_name(), art.id, exc)
        return False
    try:
        artifacts.remove(context, art, reason='retention')
    except exception.ConcurrentUpdate:
        # A consumer, an alias or an update arrived since: it stays
        # until the next run decides again.
        LOG.info('Retention leaves %s artifact %s: it changed meanwhile',
                 art.get_type_name(), art.id)
        return False
    LOG.info('Retention deleted %s artifact %s (%s %s)',
             art.get_type_name(), art.id, art.name, art.version)
    return True


def run(context, now=None):
    """Apply every policy once; returns how many artifacts were deleted.

    ``context`` must see every project (glare-scrubber's admin context).
    """
    deleted = 0
    for policy in db_retention.all_policies(context):
        try:
            artifact_type = registry.get(policy['type_name'])
        except exception.TypeNotFound:
            continue
        to_delete, _ = plan(context, policy, now)
        for summary in to_delete:
            deleted += _apply_one(context, artifact_type, summary)
    return deleted

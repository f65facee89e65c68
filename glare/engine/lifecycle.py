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

"""Status and visibility transitions, Glare's lifecycle.

    drafted --activate--> active --deactivate--> deactivated
                            ^------reactivate--------'
    private --publish--> public   (active artifacts only; never back)

From microversion 1.2, owners share their active artifacts, between
private, shared and community in any direction: a change to community is
"communitize", any other "share"::

    private | shared | community --publish--> public   (never back)

Clients of older microversions set private and public only, as before.

``deleted`` is reached only through DELETE.
"""

from glare import exception
from glare.objects import base

STATUSES = base.STATUSES
VISIBILITIES = base.VISIBILITIES
BEFORE_SHARING = base.VISIBILITIES_BEFORE_SHARING

# The action (and policy rule suffix) of a visibility change between
# those an owner chooses, by its target.
SHARING_ACTIONS = {'shared': 'share', 'private': 'share',
                   'community': 'communitize'}

# (from status, to status) -> the action (and policy rule suffix).
STATUS_ACTIONS = {
    ('drafted', 'active'): 'activate',
    ('active', 'deactivated'): 'deactivate',
    ('deactivated', 'active'): 'reactivate',
}


def requested_status_action(current, new):
    """The action a change of status asks for, allowed or not.

    What policy must allow before the transition itself is checked
    (``status_action``): a target that is no transition at all needs the
    right to change the artifact.
    """
    if current == new:
        return None
    if new == 'active':
        return 'reactivate' if current == 'deactivated' else 'activate'
    if new == 'deactivated':
        return 'deactivate'
    return 'update'


def visibilities_for(context):
    """The visibilities the caller's microversion knows."""
    version = getattr(context, 'api_version', None)
    if version is None or version >= base.SHARING_SINCE:
        return VISIBILITIES
    return BEFORE_SHARING


def requested_visibility_action(current, new, visibilities=BEFORE_SHARING):
    """The action a change of visibility asks for, allowed or not."""
    if current == new:
        return None
    if new == 'public':
        return 'publish'
    # ``new`` is any JSON value a patch gave: not necessarily hashable.
    if current != 'public' and new in tuple(SHARING_ACTIONS) and \
            'shared' in visibilities:
        return SHARING_ACTIONS[new]
    return 'update'


def status_action(current, new):
    """The action that moves ``current`` to ``new``.

    ``None`` when nothing changes; 403 when no transition exists (as in
    Glare).
    """
    if current == new:
        return None
    if new not in STATUSES:
        raise exception.BadRequest(
            'Invalid status %r: a status is one of %s.' % (
                new, ', '.join(STATUSES)))
    action = STATUS_ACTIONS.get((current, new))
    if action is None:
        if new == 'deleted':
            raise exception.InvalidStatusTransition(
                'Artifacts are deleted with DELETE, not by setting their '
                'status.')
        raise exception.InvalidStatusTransition(orig=current, new=new)
    return action


def visibility_action(current, new, status, visibilities=BEFORE_SHARING):
    """The action that moves visibility ``current`` to ``new``.

    ``visibilities`` are those the client's microversion knows (400 for
    others). Publishing a non-active artifact, or changing a public one,
    is 403 (as in Glare); sharing a non-active one is 409: it can be
    shared once it is active.
    """
    if current == new:
        return None
    if new not in visibilities:
        raise exception.BadRequest(
            'Invalid visibility %r: a visibility is one of %s.' % (
                new, ', '.join(visibilities)))
    if current == 'public' or (new != 'public' and
                               visibilities == BEFORE_SHARING):
        if visibilities == BEFORE_SHARING:
            raise exception.Forbidden(
                'Visibility can only change from private to public, not '
                'from %s to %s.' % (current, new))
        raise exception.Forbidden(
            'A public artifact stays public; it cannot become %s.' % new)
    if new == 'public':
        if status != 'active':
            raise exception.Forbidden(
                'Only active artifacts can be published; this one is %s.'
                % status)
        return 'publish'
    if status != 'active':
        raise exception.Conflict(
            'Only active artifacts can be made %s; this one is %s. '
            'Activate it first.' % (new, status))
    return SHARING_ACTIONS[new]


def check_activation(artifact):
    """Every ``required_on_activate`` field is set; no blob is saving."""
    for name, field in artifact.attributes.items():
        value = getattr(artifact, name)
        if field.required_on_activate and value in (None, [], {}):
            raise exception.RequiredOnActivate(name=name)
        blobs = value.values() if isinstance(value, dict) and \
            field.kind == 'Folder' else [value] if field.kind == 'Blob' \
            else ()
        for blob in blobs:
            if blob and blob.get('status') == 'saving':
                raise exception.Conflict(
                    'Blob %s is still being uploaded; activate the '
                    'artifact after the upload ends.' % name)

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

"""Calling the hooks artifact types define.

Types define ``pre_*_hook`` class methods (see glare.objects.base and
doc/source/types.rst). The engine calls them here, before it writes
anything, so that a hook's failure is the client's 400 and nothing is
half-done: fields a hook changed are checked like user input and saved
with the operation. Upload hooks are called by glare.engine.uploads,
which keeps what they write only when the whole upload succeeds.
"""

from oslo_config import cfg
from oslo_log import log

from glare import exception
from glare.objects import base
from glare.objects import fields as f

LOG = log.getLogger(__name__)
CONF = cfg.CONF


def run(hook, context, artifact, *args):
    """Call one hook; any failure becomes a 400 with its message.

    Errors of glare's own kinds keep their status (a hook may answer
    409 or 413 on purpose).
    """
    try:
        return hook(context, artifact, *args)
    except exception.GlareException:
        raise
    except Exception as exc:
        LOG.info('%s of artifact type %s refused artifact %s: %s',
                 hook.__name__, artifact.get_type_name(), artifact.id, exc)
        raise exception.BadRequest(
            str(exc) or 'The %s of artifact type %s refused the request.'
            % (hook.__name__, artifact.get_type_name()))


def defines(cls, name):
    """Whether type ``cls`` does something in hook ``name``.

    The base class's hooks do nothing: when a type keeps them, comparing
    the artifact before and after (two ``to_dict``) is skipped.
    """
    hook = getattr(cls, name)
    return getattr(hook, '__func__', hook) is not \
        getattr(base.BaseArtifact, name).__func__


def snapshot(artifact):
    """What ``changed_since`` compares with."""
    return artifact.to_dict()


def changed_since(artifact, before):
    """Fields a hook changed, checked again like user input.

    Blobs are not fields a hook can set: they change by uploading.
    """
    names = []
    after = artifact.to_dict()
    for name, field in artifact.attributes.items():
        if isinstance(field, f.Blob) or after[name] == before[name]:
            continue
        setattr(artifact, name,
                artifact.coerce_field(name, getattr(artifact, name)))
        names.append(name)
    return names


def before_create(context, artifact):
    """Run ``pre_create_hook``; the artifact is then stored as it left it."""
    if not defines(type(artifact), 'pre_create_hook'):
        return
    before = snapshot(artifact)
    run(type(artifact).pre_create_hook, context, artifact)
    changed_since(artifact, before)


def before_update(context, artifact, changed, actions):
    """Run the update and lifecycle hooks of one PATCH.

    ``changed`` names the fields the patch set; ``actions`` the
    lifecycle actions it makes (``activate``, ``publish``...). Sharing
    (``share``, ``communitize``) has no hook of its own: it changes who
    reads the artifact, not the artifact. Returns the names of further
    fields the hooks changed.
    """
    cls = type(artifact)
    fields = [name for name in changed if name not in (
        'status', 'visibility', 'activated_at')]
    # Sharing actions have no hook (see above): only those that exist.
    hooks = (['pre_update_hook'] if fields else []) + [
        name for name in ('pre_%s_hook' % action for action in actions
                          if action)
        if hasattr(base.BaseArtifact, name)]
    if not any(defines(cls, name) for name in hooks):
        return []
    before = snapshot(artifact)
    for name in hooks:
        if name == 'pre_update_hook':
            run(cls.pre_update_hook, context, artifact, list(fields))
        else:
            run(getattr(cls, name), context, artifact)
    return [name for name in changed_since(artifact, before)
            if name not in changed]


def before_add_location(context, artifact, field_name, key, url):
    run(type(artifact).pre_add_location_hook, context, artifact,
        field_name, key, url)


def before_download(context, artifact, field_name, key):
    run(type(artifact).pre_download_hook, context, artifact, field_name,
        key)


def before_delete(context, artifact):
    run(type(artifact).pre_delete_hook, context, artifact)

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

"""An artifact with its data in one step: create, upload, activate.

What ``openstack image create --file`` does for Glance. If a step after
the create fails, nothing half-made is left without the caller knowing:
a failed upload deletes the new draft (it holds nothing worth keeping);
a failed activation keeps it, since its data arrived and usually only a
field is missing, and says so. Either way ``IncompleteArtifact`` names
the artifact, the step and the cause.
"""

from glare_client import exceptions


def create(glare, type_name, values, data, blob=None, activate=False,
           content_type='application/octet-stream', size=None,
           progress=None):
    """Create an artifact of ``values``, upload ``data``, maybe activate.

    :param blob: the blob field (``field/key`` in a folder); by default
        the type's main one, its first Blob field.
    :returns: the artifact as the last step left it.
    :raises: whatever the create raised (then nothing was made), or
        ``IncompleteArtifact`` for a later step.
    """
    blob = blob or glare.main_blob(type_name)
    if not blob:
        raise exceptions.ClientError(
            'Type %s has no blob field; name a folder\'s file as '
            '<folder>/<key>.' % type_name)
    artifact = glare.create(type_name, values)
    try:
        artifact = glare.upload(type_name, artifact['id'], blob, data,
                                content_type=content_type, size=size,
                                progress=progress)
    except BaseException as error:
        # Ctrl-C too: the draft is of no use without its data.
        deleted = _delete(glare, type_name, artifact)
        raise exceptions.IncompleteArtifact(
            'The upload failed (%s); %s' % (_reason(error), (
                'the new artifact %s was deleted.' if deleted else
                'the new artifact %s could not be deleted.') %
                artifact['id']),
            'upload', artifact, deleted, error) from error
    if not activate:
        return artifact
    try:
        return glare.activate(type_name, artifact['id'])
    except exceptions.GlareError as error:
        raise exceptions.IncompleteArtifact(
            'The activation failed (%s); the artifact %s keeps its data '
            'and stays drafted.' % (_reason(error), artifact['id']),
            'activate', artifact, False, error) from error


def _delete(glare, type_name, artifact):
    try:
        glare.delete(type_name, artifact['id'])
    except Exception:
        return False
    return True


def _reason(error):
    if isinstance(error, KeyboardInterrupt):
        return 'interrupted'
    return str(error) or type(error).__name__

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

"""The glare SDK: every call of the v1 artifact API over keystoneauth1.

::

    from keystoneauth1 import loading, session
    from glare_client import client

    auth = loading.load_auth_from_argparse_arguments(...)  # or v3.Password
    glare = client.Client(session.Session(auth=auth))     # from the catalog
    for art in glare.list('images', filters={'name': 'cirros'}):
        print(art['id'], art['version'])

A development server (trusted ``user:project:role`` tokens) takes
``client.Client.with_token('http://127.0.0.1:9494', 'me:proj:admin')``.
"""

import logging
import os
import urllib.parse

from keystoneauth1 import adapter as ks_adapter
from keystoneauth1 import exceptions as ks_exceptions
from keystoneauth1 import session as ks_session
from keystoneauth1 import token_endpoint
import requests

from glare_client import exceptions
from glare_client import names
from glare_client import one_step
from glare_client import patches
from glare_client import retries as retry_policy
from glare_client import transfer
from glare_client import version_notice
from glare_client import versions

LOG = logging.getLogger(__name__)

SERVICE_TYPE = 'artifact'
LOCATION_CONTENT_TYPE = \
    'application/vnd+openstack.glare-custom-location+json'
JSON_PATCH_CONTENT_TYPE = 'application/json-patch+json'
DIGEST_CONTENT_TYPE = 'application/vnd+openstack.glare-blob-digest+json'
IMPORT_CONTENT_TYPE = 'application/vnd+openstack.glare-blob-import+json'
# Bytes per request of a resumable upload.
SESSION_CHUNK_SIZE = 64 * 1024 * 1024
# Broken chunks a resumable upload survives in one run.
SESSION_ATTEMPTS = 5
DOWNLOAD_TIMEOUT = 300
# Artifacts fetched per request while looking for the newest release.
NAME_PAGE_SIZE = 50


class Client:
    """A client of one glare endpoint.

    :param session: a keystoneauth1 ``Session`` (its auth plugin
        authenticates every request and, without ``endpoint``, finds the
        ``artifact`` endpoint in the service catalog).
    :param endpoint: the API's URL, overriding the catalog.
    :param api_version: microversion ``'X.Y'`` to use; by default the
        newest that both this client and the server speak, read from the
        server's versions document on first use.
    :param interface, region_name: choose the catalog endpoint.
    :param retries: a ``retries.Retries`` saying how requests that fail
        on the way are retried (see that module for which are); the
        default tries up to 4 times within about 4 seconds.
        ``retries.Retries(attempts=1)`` turns retrying off.
    :param on_notice: ``callable(text)`` for one-line notices the user
        should see (a version stored in another form than it was given);
        by default they are logged at INFO level.
    """

    def __init__(self, session, endpoint=None, api_version=None,
                 interface='public', region_name=None,
                 service_type=SERVICE_TYPE, retries=None, on_notice=None):
        self.adapter = ks_adapter.Adapter(
            session, service_type=service_type, interface=interface,
            region_name=region_name, endpoint_override=endpoint)
        self._requested_version = versions.parse(api_version)
        self._api_version = None
        self.retries = retries or retry_policy.Retries()
        self.on_notice = on_notice or LOG.info

    @classmethod
    def with_token(cls, endpoint, token, **kwargs):
        """A client sending ``X-Auth-Token: token`` to ``endpoint``.

        For keystone tokens obtained elsewhere, and for glare's trusted
        development mode, whose tokens are ``user:project:role[,role]``.
        """
        session = ks_session.Session(
            auth=token_endpoint.Token(endpoint, token))
        return cls(session, endpoint=endpoint, **kwargs)

    # -- microversions --------------------------------------------------------

    @property
    def api_version(self):
        """The negotiated microversion, ``(major, minor)``."""
        if self._api_version is None:
            try:
                self._api_version = versions.negotiate(
                    self._requested_version,
                    versions.server_range(self.versions_document()))
            except ValueError as exc:
                raise exceptions.UnsupportedVersion(str(exc))
        return self._api_version

    def versions_document(self):
        """What ``GET /`` answers (the versions the server offers)."""
        resp = self.retries.call(
            lambda: self.adapter.get('/', raise_exc=False, redirect=False),
            'GET', what='GET /')
        if resp.status_code not in (200, 300):
            return None
        try:
            return resp.json()
        except ValueError:
            return None

    def supports(self, version):
        """True when the negotiated microversion is ``version`` or later."""
        return self.api_version >= versions.parse(version)

    def _require(self, version, what):
        if not self.supports(version):
            raise exceptions.UnsupportedVersion(
                '%s needs microversion %s; this session uses %s.' % (
                    what, version, versions.format_version(
                        self.api_version)))

    # -- requests -------------------------------------------------------------

    def _request(self, method, path, headers=None, replayable=True,
                 **kwargs):
        """Send a request, retried as ``self.retries`` says.

        An error answer raises its typed error.

        :param replayable: whether the body can be sent again (see
            ``retries.Retries.call``).
        """
        all_headers = versions.header(self.api_version)
        all_headers.update(headers or {})
        kwargs.setdefault('redirect', False)
        resp = self.retries.call(
            lambda: self.adapter.request(path, method, headers=all_headers,
                                         raise_exc=False, **kwargs),
            method, replayable, what='%s %s' % (method, path))
        if resp.status_code >= 400:
            error = exceptions.from_response(resp)
            resp.close()
            raise error
        return resp

    def _json(self, method, path, **kwargs):
        return self._json_answer(self._request(method, path, **kwargs))

    @staticmethod
    def _json_answer(resp):
        if resp.status_code == 204 or not resp.content:
            return None
        return resp.json()

    def _write_artifact(self, method, path, sent_version, **kwargs):
        """A create or change; notices a version stored in another form."""
        resp = self._request(method, path, **kwargs)
        art = self._json_answer(resp)
        text = version_notice.notice(sent_version, art, resp.headers)
        if text:
            self.on_notice(text)
        return art

    @staticmethod
    def _path(*parts):
        return '/' + '/'.join(urllib.parse.quote(str(part), safe='')
                              for part in parts)

    @classmethod
    def _blob_path(cls, type_name, artifact_id, blob):
        field, _sep, key = blob.partition('/')
        path = cls._path('artifacts', type_name, artifact_id, field)
        if key:
            # A folder key may itself contain '/'.
            path += '/' + urllib.parse.quote(key, safe='/')
        return path

    # -- artifacts ------------------------------------------------------------

    def list(self, type_name, filters=None, sort=None, limit=None,
             page_size=None, marker=None):
        """Iterate over artifacts, fetching page after page.

        :param filters: ``{field: value}`` (a list value repeats the
            parameter, ANDed by the server) or ``[(field, value), …]``;
            values use the API's syntax, e.g. ``'gte:1.0'``, ``'latest'``.
        :param sort: ``'key[:asc|desc],…'`` or a list of such keys.
        :param limit: stop after this many artifacts (all by default).
        :param page_size: artifacts per request (the server's default
            otherwise).
        :param marker: start after the artifact with this id.
        """
        query = filter_params(filters)
        if sort:
            query.append(('sort', sort if isinstance(sort, str)
                          else ','.join(sort)))
        remaining = limit
        path = self._path('artifacts', type_name)
        while remaining is None or remaining > 0:
            params = list(query)
            size = page_size
            if remaining is not None:
                size = min(size, remaining) if size else remaining
            if size:
                params.append(('limit', size))
            if marker:
                params.append(('marker', marker))
            body = self._json('GET', path, params=params)
            rows = body.get('artifacts')
            if rows is None:
                rows = body.get(type_name, [])
            for art in rows:
                yield art
                if remaining is not None:
                    remaining -= 1
                    if remaining == 0:
                        return
            marker = next_marker(body.get('next'))
            if not rows or not marker:
                return

    def get(self, type_name, artifact_id):
        """The artifact with this id."""
        return self._json('GET', self._path('artifacts', type_name,
                                            artifact_id))

    def get_by_name(self, type_name, name, version=None,
                    include_drafts=False, include_prereleases=False,
                    statuses=None, filters=None):
        """The artifact a name stands for.

        Without ``version``, the newest *release*: the highest version
        that is active and not a pre-release (see ``names``).
        ``include_drafts`` also considers drafted artifacts,
        ``include_prereleases`` versions such as ``1.0.0-rc.1``;
        ``statuses`` replaces the statuses considered altogether. A
        ``version`` (``'1.0'``, normalised by the server) pins one,
        whatever its status.

        :param filters: more filters that the artifact must match, as
            ``list`` takes them, e.g. ``{'disk_format': 'qcow2'}``.
        :raises: ``NameNotFound`` (a ``NotFound``) when there is none,
            listing the versions that did not qualify;
            ``AmbiguousName`` when several are visible (images that
            differ in disk format; an admin sees every project's).
        """
        query = [('name', 'eq:' + name)] + filter_params(filters)
        if version and version != 'latest':
            found = list(self.list(type_name, filters=query + [
                ('version', 'eq:' + str(version))], limit=2))
            if not found:
                raise exceptions.NotFound(
                    'Artifact with name=%s and version=%s not found.' % (
                        name, version))
        else:
            statuses = list(statuses or names.RELEASE_STATUSES)
            if include_drafts and 'drafted' not in statuses:
                statuses.insert(0, 'drafted')
            found = names.newest(self.list(
                type_name, filters=query + [
                    ('status', 'in:' + ','.join(statuses))],
                sort='version:desc', page_size=NAME_PAGE_SIZE),
                include_prereleases)
            if not found:
                others = list(self.list(type_name, filters=query,
                                        sort='version:desc', limit=5))
                raise names.not_found(name, statuses, include_prereleases,
                                      others)
            version = found[0].get('version')
        if len(found) > 1:
            raise names.ambiguous(
                name, version, found,
                self.schema(type_name).get('identity_fields') or ())
        return found[0]

    def create(self, type_name, values=None, **fields):
        """Create an artifact from ``values`` (and keyword fields)."""
        body = dict(values or {})
        body.update(fields)
        return self._write_artifact(
            'POST', self._path('artifacts', type_name), body.get('version'),
            json=body)

    def create_with_data(self, type_name, values, data, blob=None,
                         activate=False, **upload_options):
        """Create an artifact, upload its data and maybe activate it.

        ``data`` and ``upload_options`` as ``upload`` takes them;
        ``blob`` defaults to the type's main blob. A failure after the
        create raises ``IncompleteArtifact`` (see ``one_step``).
        """
        return one_step.create(self, type_name, values, data, blob=blob,
                               activate=activate, **upload_options)

    def update(self, type_name, artifact_id, changes=None, remove=(),
               patch=None):
        """Change an artifact.

        :param changes: ``{path: value}``; a path is a field or
            ``field/key`` inside a dict field.
        :param remove: paths to remove (a field becomes null).
        :param patch: a JSON-patch of its own, applied after the rest.
        """
        operations = patches.build(changes, remove) + list(patch or [])
        return self._patch(type_name, artifact_id, operations)

    def _patch(self, type_name, artifact_id, operations):
        return self._write_artifact(
            'PATCH', self._path('artifacts', type_name, artifact_id),
            version_notice.sent_in_patch(operations), json=operations,
            headers={'Content-Type': JSON_PATCH_CONTENT_TYPE})

    def delete(self, type_name, artifact_id):
        self._request('DELETE', self._path('artifacts', type_name,
                                           artifact_id))

    def activate(self, type_name, artifact_id):
        return self.update(type_name, artifact_id, {'status': 'active'})

    def deactivate(self, type_name, artifact_id):
        return self.update(type_name, artifact_id,
                           {'status': 'deactivated'})

    def reactivate(self, type_name, artifact_id):
        return self.update(type_name, artifact_id, {'status': 'active'})

    def publish(self, type_name, artifact_id):
        return self.update(type_name, artifact_id,
                           {'visibility': 'public'})

    # -- sharing (microversion 1.2) -------------------------------------------

    def set_visibility(self, type_name, artifact_id, visibility):
        """Make an active artifact ``private``, ``shared`` or ``community``.

        ``public`` is ``publish`` (admins). Shared artifacts are read by
        the projects added with ``add_member`` that accept them;
        community ones by every project that asks for them.
        """
        if visibility != 'public':
            self._require('1.2', 'Visibility %s' % visibility)
        return self.update(type_name, artifact_id,
                           {'visibility': visibility})

    def _members_path(self, type_name, artifact_id, *member):
        self._require('1.2', 'Sharing with members')
        return self._path('artifacts', type_name, artifact_id, 'members',
                          *member)

    def members(self, type_name, artifact_id):
        """The members of a shared artifact (a member sees its own)."""
        return self._json('GET', self._members_path(
            type_name, artifact_id))['members']

    def member(self, type_name, artifact_id, member_id):
        """One membership: ``{"member_id", "status", ...}``."""
        return self._json('GET', self._members_path(
            type_name, artifact_id, member_id))

    def add_member(self, type_name, artifact_id, member_id):
        """Share a shared artifact with project ``member_id``.

        The membership is pending until that project accepts or rejects
        it (``set_member_status``).
        """
        return self._json('POST', self._members_path(
            type_name, artifact_id), json={'member': member_id})

    def set_member_status(self, type_name, artifact_id, member_id, status):
        """The member project's answer about an artifact shared with it.

        ``accepted`` lists the artifact in its default lists,
        ``rejected`` keeps it out of them (it stays readable by id),
        ``pending`` is undecided again.
        """
        return self._json('PUT', self._members_path(
            type_name, artifact_id, member_id), json={'status': status})

    def remove_member(self, type_name, artifact_id, member_id):
        """Stop sharing an artifact with project ``member_id``."""
        self._request('DELETE', self._members_path(
            type_name, artifact_id, member_id))

    def add_tag(self, type_name, artifact_id, tag):
        """Add a tag (tags are a set: adding one twice keeps one)."""
        return self._patch(type_name, artifact_id, [
            {'op': 'add', 'path': '/tags/-', 'value': tag}])

    def remove_tag(self, type_name, artifact_id, tag):
        """Remove a tag; NotFound when the artifact does not have it."""
        tags = self.get(type_name, artifact_id).get('tags') or []
        if tag not in tags:
            raise exceptions.NotFound(
                'Artifact %s has no tag %r.' % (artifact_id, tag))
        return self.update(type_name, artifact_id,
                           {'tags': [t for t in tags if t != tag]})

    # -- blobs ----------------------------------------------------------------

    def main_blob(self, type_name):
        """The blob field a type's data goes to by default (or None)."""
        return main_blob_of(self.schema(type_name))

    def upload(self, type_name, artifact_id, blob, data,
               content_type='application/octet-stream', size=None,
               progress=None, sha256=None):
        """Upload bytes into ``blob`` (a field, or ``field/key``).

        :param data: bytes, a binary file object or an iterable of bytes;
            read a chunk at a time.
        :param size: the byte count when known; found for regular files.
        :param progress: ``callable(sent, total)``.
        :param sha256: the data's sha256 (hex), when known: from
            microversion 1.2, data the server already holds (and the
            caller can read) is linked without sending it.
        :returns: the artifact; ``ChecksumMismatch`` if the server stored
            other bytes than were sent.
        """
        if sha256 and self.supports('1.2'):
            try:
                return self.link(type_name, artifact_id, blob, sha256,
                                 content_type)
            except exceptions.NotFound:
                pass  # not held, or not readable: send the bytes
        if size is None:
            size = transfer.source_size(data)
        body = transfer.UploadBody(data, size=size, progress=progress)
        art = self._json(
            'PUT', self._blob_path(type_name, artifact_id, blob),
            data=body.request_data(), log=False,
            # A stream cannot be sent twice: retried only while unread.
            replayable=lambda: body.digests.size == 0,
            headers={'Content-Type': content_type or
                     'application/octet-stream'})
        stored = blob_of(art, blob)
        sent = body.digests.hexdigests()['sha256']
        if stored and stored.get('sha256') and stored['sha256'] != sent:
            raise exceptions.ChecksumMismatch(
                'The server stored data with sha256 %s; %s was sent.' % (
                    stored['sha256'], sent))
        return art

    def link(self, type_name, artifact_id, blob, sha256,
             content_type='application/octet-stream'):
        """Make data the server already holds a blob's, by its sha256.

        Microversion 1.2. ``NotFound`` unless the caller can read an
        artifact holding data with that digest: then send the bytes.
        """
        self._require('1.2', 'An upload by digest')
        return self._json(
            'PUT', self._blob_path(type_name, artifact_id, blob),
            json={'digest': 'sha256:' + sha256,
                  'content_type': content_type or
                  'application/octet-stream'},
            headers={'Content-Type': DIGEST_CONTENT_TYPE})

    def upload_file(self, type_name, artifact_id, blob, path,
                    content_type='application/octet-stream', progress=None,
                    resume=False, chunk_size=SESSION_CHUNK_SIZE,
                    state_dir=None):
        """Upload a file in chunks that survive broken connections.

        Microversion 1.2. The file's sha256 is computed first: data the
        server already holds (and the caller can read) is linked without
        being sent. Otherwise an upload session takes the file
        ``chunk_size`` bytes per request; a broken chunk is sent again
        from the offset the server reports. With ``resume``, the session
        of an earlier run on the same, unchanged file goes on (its state
        is kept in ``state_dir``, see ``transfer.SessionState``).

        :param progress: ``callable(sent, total)``.
        :returns: the artifact.
        """
        self._require('1.2', 'A resumable upload')
        size = os.path.getsize(path)
        state = transfer.SessionState(artifact_id, blob, path, state_dir)
        session, sha256 = state.load() if resume else (None, None)
        earlier = state.recorded_session()
        if earlier is not None and earlier != session:
            # An earlier run's session this one does not go on with (the
            # file changed, or no --resume): its bytes count against the
            # project's quota until it expires, so it goes now.
            self._cancel_session(earlier)
            state.clear()
        offset = None
        if session is not None:
            try:
                offset = self._session_offset(session)
            except exceptions.NotFound:
                session = None
        if sha256 is None:
            sha256 = transfer.file_sha256(path)
        if session is None:
            try:
                return self.link(type_name, artifact_id, blob, sha256,
                                 content_type)
            except exceptions.NotFound:
                pass
            resp = self._request(
                'POST', self._blob_path(type_name, artifact_id, blob) +
                '/uploads', headers={'Content-Type': content_type or
                                     'application/octet-stream'})
            session = self._path('upload-sessions', urllib.parse.urlsplit(
                resp.headers['Location']).path.rstrip('/').rsplit('/', 1)[-1])
            offset = 0
            state.save(session, sha256)
        attempts = SESSION_ATTEMPTS
        with open(path, 'rb') as source:
            while offset < size:
                if progress is not None:
                    progress(offset, size)
                source.seek(offset)
                data = source.read(min(chunk_size, size - offset))
                try:
                    resp = self._request(
                        'PATCH', session, data=data, log=False,
                        headers={'Content-Type': 'application/octet-stream',
                                 'Content-Range': '%d-%d' % (
                                     offset, offset + len(data) - 1)})
                    offset = int(resp.headers['OpenStack-Glare-Upload-Offset'])
                except (exceptions.RangeNotSatisfiable,
                        exceptions.TransferInterrupted,
                        requests.RequestException,
                        ks_exceptions.ConnectionError) as error:
                    attempts -= 1
                    if attempts <= 0:
                        raise exceptions.TransferInterrupted(
                            'The upload broke off at byte %d of %d (%s); '
                            'resume it later.' % (offset, size, error))
                    LOG.warning('Chunk at %d failed (%s); asking the server '
                                'where to go on.', offset, error)
                    offset = self._session_offset(session)
        if progress is not None:
            progress(size, size)
        art = self._json('PUT', session, params={'digest': 'sha256:' +
                                                 sha256})
        state.clear()
        return art

    def _cancel_session(self, session):
        """Cancel an abandoned upload session; it may be gone already."""
        try:
            self._request('DELETE', session)
        except exceptions.NotFound:
            pass
        except (exceptions.GlareError, requests.RequestException,
                ks_exceptions.ConnectionError) as error:
            LOG.warning('Could not cancel the earlier upload session %s '
                        '(%s); it expires by itself.', session, error)

    def _session_offset(self, session):
        resp = self._request('GET', session)
        return int(resp.headers['OpenStack-Glare-Upload-Offset'])

    def import_blob(self, type_name, artifact_id, blob, url, sha256=None):
        """Have the server fetch a blob's data from ``url`` (1.2).

        Returns the import (``id``, ``status``...); follow it with
        ``get_import``.
        """
        self._require('1.2', 'An import from a URL')
        body = {'import_url': url}
        if sha256:
            body['sha256'] = sha256
        return self._json(
            'PUT', self._blob_path(type_name, artifact_id, blob), json=body,
            headers={'Content-Type': IMPORT_CONTENT_TYPE})

    def get_import(self, import_id):
        """How an import goes: ``status`` running, succeeded or failed."""
        return self._json('GET', self._path('blob-imports', import_id))

    def open_blob(self, type_name, artifact_id, blob, progress=None,
                  start=0):
        """An open ``transfer.Download`` of a blob's bytes.

        Stored blobs come from glare, checked against the digests in its
        response headers; an external location is fetched from its URL
        (without the glare credentials) and checked against the digests
        recorded with it.

        :param start: ask for the bytes from this offset on (a ``Range``
            request). The download's ``start`` says where its body really
            begins: 0 when the server sent the whole blob instead.
        """
        resp = self._request(
            'GET', self._blob_path(type_name, artifact_id, blob),
            headers=transfer.range_header(start), stream=True, log=False)
        if resp.status_code in (301, 302, 303, 307, 308):
            location = resp.headers.get('Location')
            resp.close()
            return self._open_external(type_name, artifact_id, blob,
                                       location, progress, start)
        return _download_of(resp, transfer.expected_digests(resp.headers),
                            resp.headers.get('Content-Type'), progress)

    def _open_external(self, type_name, artifact_id, blob, url, progress,
                       start):
        if not url or urllib.parse.urlsplit(url).scheme not in (
                'http', 'https'):
            raise exceptions.ClientError(
                'The blob is at %r, which this client cannot fetch.' % url)
        record = blob_of(self.get(type_name, artifact_id), blob) or {}
        expected = {name: record[name].lower() for name in ('md5', 'sha256')
                    if record.get(name)}
        resp = self.retries.call(
            lambda: requests.get(url, stream=True, timeout=DOWNLOAD_TIMEOUT,
                                 headers=transfer.range_header(start)),
            'GET', what='GET %s' % url)
        if resp.status_code >= 400:
            error = exceptions.from_response(resp)
            resp.close()
            raise error
        return _download_of(resp, expected, record.get('content_type'),
                            progress, size=record.get('size'))

    def download(self, type_name, artifact_id, blob, destination,
                 progress=None, resume=False):
        """Download a blob to a path or into a binary stream.

        A path is written atomically: it appears only when all the bytes
        arrived and match the server's checksums (``ChecksumMismatch``
        otherwise, and no file). Meanwhile they collect in
        ``<path>.part``; when the connection breaks, the download goes on
        from there (up to ``retries.attempts`` times), and if it still
        fails ``TransferInterrupted`` says how far it came and the part
        stays: ``resume=True`` continues it later, from its size, and
        checks the digests of the whole file at the end. A stream
        receives the bytes as they come; the check happens at the end.

        :returns: the digests of the data, ``{'md5', 'sha1', 'sha256'}``.
        """
        if not isinstance(destination, (str, bytes, os.PathLike)):
            return self._download_into(transfer.StreamSink(destination),
                                       type_name, artifact_id, blob,
                                       progress)
        with transfer.PartialFile(os.fsdecode(destination),
                                  resume=resume) as part:
            try:
                digests = self._download_into(part, type_name, artifact_id,
                                              blob, progress)
            except exceptions.ChecksumMismatch:
                part.discard()
                raise
            except exceptions.TransferInterrupted as error:
                error.partial_path = part.part_path
                raise
            part.commit()
        return digests

    def _download_into(self, sink, type_name, artifact_id, blob, progress):
        """Fetch the blob into ``sink``, continuing after interruptions."""
        delays = self.retries.delays()
        announced = None
        while True:
            try:
                download = self.open_blob(type_name, artifact_id, blob,
                                          progress, start=sink.size)
            except exceptions.RangeNotSatisfiable:
                # What was kept is longer than the blob: not part of it.
                sink.reset()
                continue
            with download:
                if download.start != sink.size or (
                        announced is not None and
                        download.expected != announced):
                    # The whole blob came back, or other data: start over.
                    sink.reset()
                    if download.start != 0:
                        continue
                announced = download.expected
                download.continue_from(sink.digests)
                try:
                    for chunk in download:
                        sink.write(chunk)
                    return download.digests.hexdigests()
                except exceptions.TransferInterrupted as error:
                    delay = next(delays, None)
                    if delay is None:
                        raise
                    LOG.warning('%s; going on in %.1f s.', error, delay)
                    self.retries.sleep(delay)

    def set_location(self, type_name, artifact_id, blob, url, md5=None,
                     sha1=None, sha256=None):
        """Point ``blob`` at data kept elsewhere (an http(s) URL)."""
        body = {'url': url}
        for name, value in (('md5', md5), ('sha1', sha1),
                            ('sha256', sha256)):
            if value:
                body[name] = value
        return self._json(
            'PUT', self._blob_path(type_name, artifact_id, blob), json=body,
            headers={'Content-Type': LOCATION_CONTENT_TYPE})

    def remove_location(self, type_name, artifact_id, blob):
        """Forget an external location (microversion 1.1)."""
        self._require('1.1', 'Removing an external location')
        return self._json('DELETE',
                          self._blob_path(type_name, artifact_id, blob))

    # -- schemas --------------------------------------------------------------

    def schemas(self):
        """``{type_name: json_schema}`` of every enabled type."""
        return self._json('GET', '/schemas')['schemas']

    def schema(self, type_name):
        """The JSON schema of one artifact type."""
        found = self._json('GET', self._path('schemas', type_name))
        found = found.get('schemas', found)
        return found.get(type_name, found)

    # -- quotas (microversion 1.1) --------------------------------------------

    def quotas(self):
        """Every project's quotas (admin): ``{project: {quota: value}}``."""
        self._require('1.1', 'The quota API')
        found = {}
        path = '/quotas'
        params = None
        while path:
            body = self._json('GET', path, params=params)
            found.update(quota_dict(body))
            marker = next_marker(body.get('next')) \
                if isinstance(body, dict) else None
            path = '/quotas' if marker else None
            params = [('marker', marker)]
        return found

    def project_quotas(self, project_id=None):
        """A project's effective quotas (yours by default)."""
        self._require('1.1', 'The quota API')
        path = '/project-quotas'
        if project_id:
            path = self._path('project-quotas', project_id)
        quotas = quota_dict(self._json('GET', path))
        if project_id and project_id in quotas:
            return quotas[project_id]
        if len(quotas) == 1:
            return next(iter(quotas.values()))
        return quotas

    def set_quotas(self, project_id, quotas):
        """Set a project's quotas (admin): ``{quota_name: value}``."""
        self._require('1.1', 'The quota API')
        self._json('PUT', '/quotas', json=[{
            'project_id': project_id,
            'project_quotas': [{'quota_name': name, 'quota_value': value}
                               for name, value in quotas.items()]}])

    # -- the version lifecycle (microversion 1.2) ----------------------------

    def _consumer_path(self, type_name, artifact_id, consumer_id=None):
        parts = ['artifacts', type_name, artifact_id, 'consumers']
        return self._path(*(parts + ([consumer_id] if consumer_id else [])))

    def add_consumer(self, type_name, artifact_id, consumer_id, service,
                     resource_type, project_id=None):
        """Register that ``consumer_id`` (an instance...) uses an artifact.

        Idempotent; ``project_id`` is the consumer's project (default:
        yours; services may give any).
        """
        self._require('1.2', 'Consumers')
        body = {'service': service, 'resource_type': resource_type}
        if project_id:
            body['project_id'] = project_id
        return self._json('PUT', self._consumer_path(
            type_name, artifact_id, consumer_id), json=body)

    def remove_consumer(self, type_name, artifact_id, consumer_id):
        self._require('1.2', 'Consumers')
        self._request('DELETE', self._consumer_path(type_name, artifact_id,
                                                    consumer_id))

    def consumers(self, type_name, artifact_id):
        """The consumers of an artifact (others' ids are hidden: None)."""
        self._require('1.2', 'Consumers')
        return self._json('GET', self._consumer_path(
            type_name, artifact_id))['consumers']

    def consumer_artifacts(self, consumer_id):
        """The artifacts one consumer uses."""
        self._require('1.2', 'Consumers')
        return self._json('GET', self._path('consumers', consumer_id))[
            'artifacts']

    def outdated(self, type_name=None, name=None, service=None):
        """The rebuild list: consumers of a version with a newer one.

        Every page of it, following the server's ``next`` links.
        """
        self._require('1.2', 'The rebuild list')
        query = [('outdated', 'true')] + [
            (key, value) for key, value in (
                ('type_name', type_name), ('name', name),
                ('service', service)) if value]
        found, marker = [], None
        while True:
            params = query + ([('marker', marker)] if marker else [])
            body = self._json('GET', '/consumers', params=params)
            found.extend(body['consumers'])
            # Servers before paging answer everything and no next link.
            marker = next_marker(body.get('next'))
            if not body['consumers'] or not marker:
                return found

    def set_alias(self, type_name, artifact_id, alias):
        """Move ``alias`` of the artifact's name to the artifact."""
        self._require('1.2', 'Aliases')
        return self._json('PUT', self._path('artifacts', type_name,
                                            artifact_id, 'aliases', alias))

    def unset_alias(self, type_name, artifact_id, alias):
        self._require('1.2', 'Aliases')
        self._request('DELETE', self._path('artifacts', type_name,
                                           artifact_id, 'aliases', alias))

    def aliases(self, type_name, artifact_id):
        """``{'aliases': [...], 'history': [moves, newest first]}``."""
        self._require('1.2', 'Aliases')
        return self._json('GET', self._path('artifacts', type_name,
                                            artifact_id, 'aliases'))

    def get_by_alias(self, type_name, name, alias, filters=None):
        """The artifact ``alias`` of ``name`` points at.

        :raises: ``NotFound`` when none does; ``AmbiguousName`` when
            several do (images of several disk formats: give
            ``filters={'disk_format': ...}``).
        """
        self._require('1.2', 'Aliases')
        query = [('name', 'eq:' + name), ('alias', alias)] + \
            filter_params(filters)
        found = list(self.list(type_name, filters=query, limit=10))
        if not found:
            raise exceptions.NotFound(
                'No %s artifact named %s has alias %s.' % (type_name, name,
                                                           alias))
        if len(found) > 1:
            fields = self.schema(type_name).get('identity_fields') or ()
            raise exceptions.AmbiguousName(
                'Alias %s of %s points at several artifacts: %s; choose '
                'one by %s.' % (alias, name, '; '.join(
                    '%s (%s)' % (art.get('id'), ', '.join(
                        '%s %s' % (field, art.get(field))
                        for field in fields) or 'owner %s' %
                        art.get('owner')) for art in found),
                    ' or '.join(fields) or 'id'))
        return found[0]

    def set_retention(self, type_name, keep_last, keep_days=None):
        """Set your project's retention policy for a type."""
        self._require('1.2', 'Retention')
        body = {'keep_last': keep_last}
        if keep_days is not None:
            body['keep_days'] = keep_days
        return self._json('PUT', self._path('retention', type_name),
                          json=body)

    def retention(self, type_name):
        self._require('1.2', 'Retention')
        return self._json('GET', self._path('retention', type_name))

    def retention_preview(self, type_name):
        """``{'policy', 'delete': [...], 'keep': [... with reasons]}``."""
        self._require('1.2', 'Retention')
        return self._json('GET', self._path('retention', type_name,
                                            'preview'))


def filter_params(filters):
    """Query parameters from a dict or a list of pairs."""
    if not filters:
        return []
    pairs = filters.items() if hasattr(filters, 'items') else filters
    params = []
    for key, value in pairs:
        values = value if isinstance(value, (list, tuple)) else [value]
        params.extend((key, str(item)) for item in values)
    return params


def next_marker(link):
    """The ``marker`` of a ``next`` link, or None."""
    if not link:
        return None
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(link).query)
    markers = query.get('marker')
    return markers[-1] if markers else None


def main_blob_of(schema):
    """The first Blob field of a type's schema (its only one, mostly)."""
    for name, prop in (schema or {}).get('properties', {}).items():
        if prop.get('glareType') == 'Blob':
            return name
    return None


def _download_of(resp, expected, content_type, progress, size=None):
    """The ``transfer.Download`` of a blob response (200 or 206)."""
    start, total = transfer.body_start(resp.status_code, resp.headers)
    if total is None:
        length = resp.headers.get('Content-Length') or ''
        total = int(length) if length.isdigit() else size
    return transfer.Download(resp, expected, size=total,
                             content_type=content_type, progress=progress,
                             start=start)


def blob_of(artifact, blob):
    """The blob record at ``field`` or ``field/key`` of an artifact."""
    field, _sep, key = blob.partition('/')
    value = (artifact or {}).get(field)
    if key and isinstance(value, dict):
        value = value.get(key)
    return value if isinstance(value, dict) else None


def quota_dict(body):
    """``{project: {quota: value}}`` from the quota API's answers."""
    if isinstance(body, dict):
        body = body.get('quotas', body)
    if isinstance(body, dict):
        return {project: dict(values) for project, values in body.items()
                if isinstance(values, dict)}
    found = {}
    for entry in body or []:
        limits = entry.get('project_quotas') or []
        if isinstance(limits, dict):
            values = dict(limits)
        else:
            values = {item['quota_name']: item['quota_value']
                      for item in limits}
        found[entry.get('project_id')] = values
    return found

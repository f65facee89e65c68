"""The versions document (``GET /`` and ``/versions``), served without
authentication so clients can discover the API before they log in."""

from oslo_serialization import jsonutils
import webob.dec

from glare.api import errors
from glare.api import microversion as mv

PATHS = ('', '/versions')


def document(host_url):
    return {'versions': [{
        'id': 'v%s' % version,
        'version': version,
        'min_version': mv.MIN_VERSION,
        'status': 'CURRENT' if version == mv.MAX_VERSION else 'STABLE',
        'links': [{'rel': 'self', 'href': host_url + '/'}],
    } for version in mv.VERSIONS]}


@webob.dec.wsgify
def application(req):
    if req.method not in ('GET', 'HEAD'):
        return errors.response(
            405, 'Method %s is not allowed for %s.' % (
                req.method, req.path or '/'),
            'MethodNotAllowed', req.environ.get('openstack.request_id'),
            {'Allow': 'GET, HEAD'})
    resp = webob.Response(status=300, content_type='application/json',
                          charset='utf-8')
    resp.body = jsonutils.dump_as_bytes(document(req.host_url))
    return resp

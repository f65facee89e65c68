"""The error body Glare clients and API-WG clients both read."""

from glare.api import errors
from glare.tests import base


class TestErrorBody(base.TestCase):
    def test_body_has_glare_and_api_wg_keys(self):
        self.assertEqual({
            'code': 404, 'title': 'Not Found', 'explanation': 'Gone.',
            'error': {'message': 'Gone.', 'type': 'ArtifactNotFound'},
            'errors': [{'status': 404, 'code': 'ArtifactNotFound',
                        'title': 'Not Found', 'detail': 'Gone.',
                        'request_id': 'req-1'}],
        }, errors.body(404, 'Gone.', 'ArtifactNotFound', 'req-1'))

    def test_unknown_status_has_a_title(self):
        self.assertEqual('Error', errors.title(599))

    def test_response(self):
        resp = errors.response(405, 'No.', 'MethodNotAllowed',
                               headers={'Allow': 'GET'})
        self.assertEqual(405, resp.status_int)
        self.assertEqual('application/json', resp.content_type)
        self.assertEqual('GET', resp.headers['Allow'])
        self.assertEqual('No.', resp.json_body['error']['message'])
        self.assertIsNone(resp.json_body['errors'][0]['request_id'])

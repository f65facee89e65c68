"""``.. glare-permissions:: PATH``: the permission matrix as tables.

PATH (relative to the document) is the YAML file the integration tests
check (glare/tests/functional/permissions.yaml), so the published table
and the tested one are the same.
"""

import os

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
import yaml


# The tables, in this order: one per key an operation may have.
VISIBILITIES = ('any', 'private', 'public', 'shared', 'community')


def _cell(value):
    return str(value)


class PermissionsDirective(Directive):
    required_arguments = 1
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        source_dir = os.path.dirname(env.doc2path(env.docname))
        path = os.path.normpath(os.path.join(source_dir, self.arguments[0]))
        env.note_dependency(path)
        with open(path) as stream:
            matrix = yaml.safe_load(stream)
        personas = list(matrix['personas'])
        lines = ['Personas (the columns of the tables):', '']
        for name, description in matrix['personas'].items():
            lines.append('``%s``' % name)
            lines.append('   %s' % description)
        lines.append('')
        for visibility in VISIBILITIES:
            rows = [(op, spec) for op, spec in matrix['operations'].items()
                    if visibility in spec]
            if not rows:
                continue
            lines += self._table(visibility, rows, personas)
        result = nodes.section()
        result.document = self.state.document
        self.state.nested_parse(StringList(lines, path), 0, result)
        return result.children

    @staticmethod
    def _table(visibility, rows, personas):
        title = {'any': 'Operations not about one artifact',
                 'private': 'A private artifact of project demo',
                 'public': 'A public artifact of project demo',
                 'shared': 'A shared artifact of project demo (partner '
                           'accepted it)',
                 'community': 'A community artifact of project demo'}[
                     visibility]
        lines = ['.. list-table:: %s' % title, '   :header-rows: 1',
                 '   :stub-columns: 1', '',
                 '   * - operation']
        lines += ['     - %s' % p for p in personas]
        for operation, spec in rows:
            lines.append('   * - %s' % operation)
            lines.append('')
            lines.append('       ``%s``' % spec['request'])
            row = spec[visibility]
            if not isinstance(row, list):
                row = [row] * len(personas)
            lines += ['     - %s' % _cell(value) for value in row]
        return lines + ['']


def setup(app):
    app.add_directive('glare-permissions', PermissionsDirective)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

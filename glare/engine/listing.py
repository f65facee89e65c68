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

"""Turning list parameters into a database query, by a type's fields.

Parameter forms (Glare v1):

``field=[op:]value``       scalar fields; ``in`` takes a comma list, items
                           may be quoted: ``in:a,"b,c"``
``field=or:[op:]value``    one of the alternatives: the ``or:`` filters of a
                           request are ORed, then ANDed with the others
                           (``and:``, the default)
``dict=[op:]key``          a dict field has a key
``dict.key=[op:]value``    the value under a key
``list=[op:]value``        a list field has an item
``tags=a,b`` / ``tags-any=a,b``
``version=latest``         the highest version per name
``member_status=S``        1.2: other projects' shared artifacts whose
                           membership the caller's project answered S
                           (``accepted``, the default, ``pending``,
                           ``rejected`` or ``all``)
``alias=a[,b]``            the artifacts an alias points at (1.2)
``sort=f1[:asc|desc],f2``  ``limit``, ``marker``
"""

import csv
import dataclasses
import re

from glare.db import mapping
from glare.db import query as q
from glare.db import visibility
from glare import exception
from glare.objects import fields as f
from glare.objects import registry
from glare.objects import semver

OPS = ('eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'like')
COMBINERS = ('and', 'or')
# Ops on the keys of a dict field (``metadata=in:k1,k2``).
DICT_KEY_OPS = ('eq', 'in')
DIRECTIONS = ('asc', 'desc')
MEMBER_STATUSES = visibility.MEMBER_STATUSES
# Also the tie-break of every sort: equal rows come newest first.
DEFAULT_SORT = (('created_at', 'desc'),)


def build(artifact_type, params, project_id, default_limit, max_limit,
          type_version=None, sharing=True):
    """A ``ListQuery`` from ``params``, a list of (name, value) pairs.

    ``type_version`` is the version of the type the client sees: fields
    it does not have are unknown to it (None: the newest). ``sharing``:
    the client knows sharing (microversion 1.2), so ``member_status`` is
    a parameter, not an unknown field.
    """
    known = set(artifact_type.fields_of(type_version))
    query = q.ListQuery(
        type_name=None if artifact_type.read_only
        else artifact_type.get_type_name(),
        project_id=project_id, limit=default_limit)
    sort_given = False
    sorted_by = set()
    for name, value in params:
        _check_text(name, value)
        if name == 'limit':
            query.limit = min(_limit(value), max_limit)
        elif name == 'marker':
            # Any other string is an artifact that is not found (404).
            query.marker = value
        elif name == 'sort':
            if sort_given:
                raise exception.InvalidSort(reason='give sort only once')
            sort_given = True
            query.sort = _sorts(artifact_type, value, sorted_by)
        elif name in ('tags', 'tags-any'):
            combiner, value = _combiner(value)
            if ':' in value:
                raise exception.InvalidFilter(
                    reason='%s takes tags, without an operator' % name)
            tags = [t for t in _split(value) if t]
            if not tags:
                raise exception.InvalidFilter(
                    reason='%s needs at least one tag' % name)
            query.filters.append(q.Filter(
                storage=q.TAGS_ALL if name == 'tags' else q.TAGS_ANY,
                column='value', op='in', value=tags, combiner=combiner))
        elif name == 'version' and value == 'latest':
            query.latest = True
        elif name == 'member_status' and sharing:
            query.member_statuses = _member_statuses(value)
        elif name == 'alias' and 'aliases' in known:
            combiner, value = _combiner(value)
            aliases = [a for a in _split(value) if a]
            if not aliases or ':' in value:
                raise exception.InvalidFilter(
                    reason='alias takes alias names, without an operator')
            query.filters.append(q.Filter(
                storage=q.ALIAS, column='alias', op='in', value=aliases,
                combiner=combiner))
        else:
            if name.partition('.')[0] not in known:
                raise exception.InvalidFilter(
                    reason='unknown field %r for artifact type %s' % (
                        name.partition('.')[0],
                        artifact_type.get_type_name()))
            query.filters.append(_filter(artifact_type, name, value))
    # Deleted artifacts awaiting the scrubber are listed only to callers
    # who see every project, and only when they ask for that status.
    query.include_deleted = project_id is None and any(
        flt.storage == q.COLUMN and flt.column == 'status' and
        'deleted' in (flt.value if isinstance(flt.value, list)
                      else [flt.value]) for flt in query.filters)
    # Community artifacts are listed to those who ask for them by name.
    query.community = any(
        flt.storage == q.COLUMN and flt.column == 'visibility' and
        flt.op in ('eq', 'in') and 'community' in (
            flt.value if isinstance(flt.value, list) else [flt.value])
        for flt in query.filters)
    query.sort.extend(_sort(artifact_type, key, direction)
                      for key, direction in DEFAULT_SORT
                      if key not in sorted_by)
    return query


def _member_statuses(value):
    if value == 'all':
        return MEMBER_STATUSES
    if value not in MEMBER_STATUSES:
        raise exception.InvalidFilter(
            reason='member_status is one of %s or all, not %r' % (
                ', '.join(MEMBER_STATUSES), value))
    return (value,)


def _check_text(name, value):
    """Parameters reach SQL as text: no NUL, no lone surrogate."""
    for text in (name, value):
        try:
            f.check_text(text)
        except ValueError as exc:
            raise exception.InvalidFilter(
                reason='parameter %r %s' % (name, exc))


def _limit(value):
    try:
        limit = int(value)
    except ValueError:
        limit = -1
    if limit < 0:
        raise exception.BadRequest(
            'Invalid limit %r: it must be an integer, 0 or more.' % value)
    return limit


def _split(value):
    """Comma-separated items; double quotes protect commas."""
    try:
        return next(csv.reader([value], skipinitialspace=True))
    except (csv.Error, StopIteration):
        raise exception.InvalidFilter(reason='cannot split %r' % value)


def _combiner(value):
    combiner, sep, rest = value.partition(':')
    if sep and combiner in COMBINERS:
        return combiner, rest
    return 'and', value


def _op_and_value(value):
    op, sep, rest = value.partition(':')
    if sep and op in OPS:
        return op, rest
    return 'eq', value


def _field(artifact_type, name):
    field = artifact_type.attributes.get(name)
    if field is None:
        raise exception.InvalidFilter(
            reason='unknown field %r for artifact type %s' % (
                name, artifact_type.get_type_name()))
    return field


def _filter(artifact_type, name, raw):
    combiner, raw = _combiner(raw)
    return dataclasses.replace(_condition(artifact_type, name, raw),
                               combiner=combiner)


def _condition(artifact_type, name, raw):
    field_name, dot, key = name.partition('.')
    field = _field(artifact_type, field_name)
    op, value = _op_and_value(raw)
    if dot:
        if not isinstance(field, f.Dict):
            raise exception.InvalidFilter(
                reason='%s is not a dict field; "%s" is invalid' %
                (field_name, name))
        if not key:
            raise exception.InvalidFilter(reason='empty key in %r' % name)
        # The dict field says which ops its values take.
        _check_op(field.filter_ops, name, op)
        return q.Filter(storage=q.DICT_VALUE,
                        column=mapping.property_column(field), op=op,
                        value=_values(field.item, name, op, value),
                        name=field_name, key=key)
    if field_name == 'display_type_name':
        _check_op(field.filter_ops, field_name, op)
        return q.Filter(storage=q.COLUMN, column='type_name', op='in',
                        value=_types_displayed_as(op, value))
    if not field.filterable:
        raise exception.InvalidFilter(
            reason='field %s cannot be filtered on' % field_name)
    if isinstance(field, f.Dict):
        _check_op([o for o in field.filter_ops if o in DICT_KEY_OPS],
                  '%s (its keys)' % field_name, op)
        keys = _split(value) if op == 'in' else value
        return q.Filter(storage=q.DICT_KEY, column='key_name', op=op,
                        value=keys, name=field_name)
    _check_op(field.filter_ops, field_name, op)
    if isinstance(field, f.List):
        return q.Filter(storage=q.LIST_ITEM,
                        column=mapping.property_column(field), op=op,
                        value=_values(field.item, field_name, op, value),
                        name=field_name)
    if field_name == 'version':
        return _version_filter(op, value)
    if field_name in mapping.COLUMN_FIELDS or field_name == 'type_name':
        return q.Filter(storage=q.COLUMN, column=field_name, op=op,
                        value=_values(field, field_name, op, value,
                                      for_column=True))
    return q.Filter(storage=q.PROPERTY,
                    column=mapping.property_column(field), op=op,
                    value=_values(field, field_name, op, value),
                    name=field_name)


def _display_names():
    return {name: cls.get_display_type_name()
            for name, cls in registry.all_types().items()
            if not cls.read_only}


def _types_displayed_as(op, value):
    """Names of the types whose display name matches ``op`` ``value``.

    The display name is the type's, not stored with each artifact.
    """
    names = _display_names()
    if op == 'like':
        pattern = re.compile(''.join(
            '.*' if c == '%' else '.' if c == '_' else re.escape(c)
            for c in value), re.S)
        chosen = [n for n, shown in names.items() if pattern.fullmatch(shown)]
    else:
        wanted = set(_split(value)) if op == 'in' else {value}
        chosen = [n for n, shown in names.items()
                  if (shown in wanted) != (op == 'neq')]
    return sorted(chosen)


def _check_op(allowed, name, op):
    if op not in allowed:
        raise exception.InvalidFilter(
            reason='operator %s is not allowed for field %s (allowed: %s)'
            % (op, name, ', '.join(allowed)))


def _values(field, name, op, value, for_column=False):
    if op == 'in':
        return [_value(field, name, item, for_column)
                for item in _split(value)]
    if op == 'like':
        return value
    return _value(field, name, value, for_column)


def _value(field, name, text, for_column):
    """The stored form of one filter value given as text."""
    try:
        if isinstance(field, f.Integer):
            return f.check_int64(int(text))
        if isinstance(field, f.Float):
            return f.check_finite(float(text))
        if isinstance(field, f.Boolean):
            if text.lower() not in ('true', 'false'):
                raise ValueError('expected true or false')
            return text.lower() == 'true'
        if isinstance(field, f.DateTime):
            when = field.coerce(text)
            return when if for_column else mapping.to_column(field, when)
        if isinstance(field, f.Version):
            return semver.normalize(text)
    except (ValueError, exception.InvalidVersion) as exc:
        raise exception.InvalidFilter(
            reason='invalid value %r for field %s: %s' % (text, name, exc))
    return text


def _version_filter(op, value):
    try:
        if op in ('eq', 'neq'):
            return q.Filter(storage=q.COLUMN, column='version', op=op,
                            value=semver.normalize(value))
        if op == 'in':
            return q.Filter(storage=q.COLUMN, column='version', op=op,
                            value=[semver.normalize(v)
                                   for v in _split(value)])
        # Ranges compare SemVer precedence, not text.
        return q.Filter(storage=q.COLUMN, column='version_key', op=op,
                        value=semver.sort_key(value))
    except exception.InvalidVersion as exc:
        raise exception.InvalidFilter(
            reason='invalid value for field version: %s' % exc.msg)


def _sorts(artifact_type, value, seen):
    """The sorts of ``sort=``; their keys are added to ``seen``."""
    sorts = []
    for item in value.split(','):
        key, _, direction = item.strip().partition(':')
        if key in seen:
            raise exception.InvalidSort(reason='%s is given twice' % key)
        seen.add(key)
        sorts.append(_sort(artifact_type, key, direction or 'desc'))
        if key == 'version':
            # Versions of equal precedence differ in build metadata:
            # ordered by it, as Glare did.
            sorts.append(q.Sort(storage=q.COLUMN, column='version',
                                direction=direction or 'desc',
                                nullable=False))
    return sorts


def _sort(artifact_type, key, direction):
    if direction not in DIRECTIONS:
        raise exception.InvalidSort(
            reason='direction %r of %s is not asc or desc' % (
                direction, key))
    field = artifact_type.attributes.get(key)
    if field is None or not field.sortable:
        raise exception.InvalidSort(
            reason='%r is not a sortable field of %s (sortable: %s)' % (
                key, artifact_type.get_type_name(),
                ', '.join(sorted(n for n, fl in
                                 artifact_type.attributes.items()
                                 if fl.sortable))))
    if key == 'version':
        return q.Sort(storage=q.COLUMN, column='version_key',
                      direction=direction, nullable=False)
    if key == 'display_type_name':
        return q.Sort(storage=q.TYPE_DISPLAY, column='type_name',
                      direction=direction, nullable=False,
                      display_names=tuple(sorted(_display_names().items())))
    if key in mapping.COLUMN_FIELDS or key == 'type_name':
        return q.Sort(storage=q.COLUMN, column=key, direction=direction,
                      nullable=key in mapping.NULLABLE_COLUMNS)
    return q.Sort(storage=q.PROPERTY,
                  column=mapping.property_column(field),
                  direction=direction, name=key)

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

"""What a list request asks of the database, in storage terms.

The objects layer builds these from a type's field definitions; the
database layer turns them into SQL. Neither side needs the other's
details.
"""

import dataclasses
import typing

# Where a filtered or sorted value lives.
COLUMN = 'column'          # a column of the artifacts table
PROPERTY = 'property'      # a scalar in artifact_properties
LIST_ITEM = 'list_item'    # any item of a list field
DICT_KEY = 'dict_key'      # the keys of a dict field
DICT_VALUE = 'dict_value'  # the value under one key of a dict field
TAGS_ALL = 'tags_all'      # every given tag is present
TAGS_ANY = 'tags_any'      # at least one given tag is present
TYPE_DISPLAY = 'type_display'  # sort: the display name of type_name
ALIAS = 'alias'            # an alias (artifact_aliases) points at it


@dataclasses.dataclass(frozen=True)
class Filter:
    storage: str
    column: str                 # artifacts column or property value column
    op: str                     # eq neq in gt gte lt lte like
    value: typing.Any           # a list for "in" and tags
    name: str = None            # property name
    key: str = None             # dict key for DICT_VALUE
    # "and": every such filter holds; "or": at least one of the "or"
    # filters of the query holds (``min_ram=or:128&min_ram=or:512``).
    combiner: str = 'and'


@dataclasses.dataclass(frozen=True)
class Sort:
    storage: str                # COLUMN or PROPERTY
    column: str
    direction: str              # asc or desc
    name: str = None            # property name
    nullable: bool = True
    # TYPE_DISPLAY: ((type_name, display name), ...) of every type.
    display_names: tuple = ()


@dataclasses.dataclass
class ListQuery:
    type_name: str = None       # None lists every type (the "all" view)
    project_id: str = None      # None: the caller sees every project
    filters: list = dataclasses.field(default_factory=list)
    sort: list = dataclasses.field(default_factory=list)
    latest: bool = False        # keep only the highest version per name
    include_deleted: bool = False  # deleted rows awaiting the scrubber
    # Other projects' shared artifacts listed: those the caller's project
    # answered so (``member_status``); community ones only when asked for
    # (see glare.db.visibility).
    member_statuses: tuple = ('accepted',)
    community: bool = False
    limit: int = 25
    marker: str = None
    # The largest total a page with more rows counts to (None: all);
    # ``limit=0`` asks for the count alone and always gets it exact.
    count_limit: int = None

from tests.authz.matrix import MANAGE, READ, Case, agency, agency_obj

CASES = [
    Case("orgs:home", READ, kwargs=agency),
    Case("orgs:units", READ, kwargs=agency),
    Case(
        "orgs:units",
        MANAGE,
        kwargs=agency,
        method="post",
        data=lambda w: {"name": "กองใหม่", "order": 9},
    ),
    Case("orgs:unit_edit", MANAGE, kwargs=agency_obj("unit")),
    Case("orgs:unit_delete", MANAGE, kwargs=agency_obj("unit"), method="post"),
    Case("orgs:people", READ, kwargs=agency),
    Case(
        "orgs:people",
        MANAGE,
        kwargs=agency,
        method="post",
        data=lambda w: {"name": "นายใหม่", "position": "นิติกร", "order": 1},
    ),
    Case("orgs:person_edit", MANAGE, kwargs=agency_obj("person")),
    Case("orgs:person_delete", MANAGE, kwargs=agency_obj("person"), method="post"),
    Case("orgs:members", MANAGE, kwargs=agency),
    Case(
        "orgs:member_role",
        MANAGE,
        kwargs=agency_obj("editor_membership"),
        method="post",
        data=lambda w: {"role": "viewer"},
    ),
    Case("orgs:member_remove", MANAGE, kwargs=agency_obj("editor_membership"), method="post"),
    Case("orgs:settings", MANAGE, kwargs=agency),
]

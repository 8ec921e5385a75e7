"""The member list's queries are answered from an index alone, in order: no table read per
row, no sort of 100,000 rows. (A `voided_at IS NULL` added to every list once made the list
read every row from the table: 218 ms instead of 33 ms at 100,000 members.)"""

from __future__ import annotations

import pytest

from models.member_list import MemberFilter, order_clause, where_clause


@pytest.mark.parametrize(
    "f",
    [MemberFilter(), MemberFilter(status="active"), MemberFilter(text="王芳"), MemberFilter(text="zw", status="active"),
     MemberFilter(text="1234", status="left")],
    ids=["all", "status", "search", "search+status", "search+left"],
)
def test_the_list_is_read_from_a_covering_index_in_order(db, f):
    where, params = where_clause(f)
    sql = f"SELECT id FROM members WHERE {where} ORDER BY {order_clause(f)}"
    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall())
    assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_the_department_filter_and_the_counts_are_read_from_an_index(db):
    """The departments for the filter were read row by row once live members were asked for
    (160 ms at 100,000 members, on every opening of the 会员 page)."""
    import models.members as members

    queries = [
        members.DEPARTMENTS_SQL,  # one index seek per department
        "SELECT count(*) FROM members WHERE status = 'active' AND voided_at IS NULL",
        "SELECT count(*) FROM members WHERE voided_at IS NULL",
    ]
    source = open(members.__file__, encoding="utf-8").read()
    assert all(q.replace("'active'", "?") in source for q in queries)  # the queries the module runs
    for sql in queries:
        plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (sql, plan)

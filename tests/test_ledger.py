"""The Ledger: transactions announce what they changed, also writes by another connection."""

from __future__ import annotations

import pytest

from models import clock
from models.db import connect, open_database
from models.ledger import Changes, Ledger


@pytest.fixture
def ledger(tmp_path):
    path = tmp_path / "账本.db"
    lg = Ledger(open_database(path), path)
    yield lg
    lg.close()


def test_atomic_announces_the_tables_and_rows_it_wrote(ledger) -> None:
    heard: list[Changes] = []
    ledger.subscribe(heard.append)
    with ledger.atomic():
        pass
    assert heard == []  # nothing written, nothing announced
    with ledger.atomic() as db:
        row_id = _insert_member(db)
    assert len(heard) == 1
    assert heard[0].touches("members", "aid_cases")
    assert not heard[0].touches("aid_cases")
    assert row_id in heard[0].rows["members"]


def test_rolled_back_write_announces_nothing(ledger) -> None:
    heard: list[Changes] = []
    ledger.subscribe(heard.append)
    with pytest.raises(RuntimeError):
        with ledger.atomic() as db:
            _insert_member(db)
            raise RuntimeError("stop")
    assert heard == []
    assert not ledger.poll()


def test_poll_sees_writes_of_another_connection(ledger) -> None:
    other = connect(ledger.path)
    try:
        _insert_member(other)
    finally:
        other.close()
    changes = ledger.poll()
    assert changes.touches("members")
    assert not ledger.poll()  # each change is news once


def test_unsubscribe_stops_the_news(ledger) -> None:
    heard: list[Changes] = []
    stop = ledger.subscribe(heard.append)
    stop()
    with ledger.atomic() as db:
        _insert_member(db)
    assert heard == []


def test_today_is_the_one_clock(ledger) -> None:
    with clock.frozen("2023-12-31"):
        assert ledger.today() == "2023-12-31"


def _insert_member(db) -> int:
    from models.members import Member, add_member

    return add_member(db, Member(name="张三", id_number="11010519491231002X", join_date="2020-01-01"))

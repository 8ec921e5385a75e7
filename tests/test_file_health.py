"""Trusting the file (issue 7): never refuse a healthy file, tell the truth about a bad one,
read without writing, and know a file by its identity."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from models.db import open_database
from models.members import add_member
from tests.conftest import make_id, member


def ledger(path: Path, n: int = 3) -> Path:
    db = open_database(path)
    for i in range(n):
        add_member(db, member(name=f"会员{i}", id_number=make_id(seq=i + 1)))
    db.close()
    return path


# ---------------------------------------------------------------- one file, whatever its path

def test_file_identity_sees_through_links(tmp_path):
    from models.paths import file_identity

    path = ledger(tmp_path / "台账.db")
    hard = tmp_path / "hard.db"
    os.link(path, hard)
    soft = tmp_path / "sub" / "soft.db"
    soft.parent.mkdir()
    soft.symlink_to(path)
    dotted = tmp_path / "sub" / ".." / "台账.db"
    assert file_identity(path) == file_identity(hard) == file_identity(soft) == file_identity(dotted)
    assert file_identity(path) != file_identity(ledger(tmp_path / "other.db"))


def test_second_window_refused_through_a_hard_link_or_symlink(tmp_path):
    pytest.importorskip("PySide6")
    from ui.app import instance_lock

    path = ledger(tmp_path / "台账.db")
    hard = tmp_path / "备用" / "hard.db"
    hard.parent.mkdir()
    os.link(path, hard)
    soft = tmp_path / "soft.db"
    soft.symlink_to(path)
    locks = tmp_path / "locks"
    first = instance_lock(path, locks)
    assert first is not None
    assert instance_lock(hard, locks) is None
    assert instance_lock(soft, locks) is None
    first.unlock()
    again = instance_lock(hard, locks)
    assert again is not None
    again.unlock()


def test_window_started_before_the_file_existed_still_holds_it(tmp_path):
    pytest.importorskip("PySide6")
    from ui.app import instance_lock

    path = tmp_path / "新台账.db"
    locks = tmp_path / "locks"
    first = instance_lock(path, locks)
    assert first is not None
    ledger(path)  # the first window creates the file
    assert instance_lock(path, locks) is None
    first.unlock()

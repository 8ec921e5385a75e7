"""The case window edits 自救能力 and records 签收 with a 代领人; errors show beside the field."""

from __future__ import annotations

from models import aid
from models import aid_payments as ap
from tests.test_aid_page import ctx  # noqa: F401  (the fixture: a demo aid ledger)


def test_particulars_dialog_sets_self_help(ctx, qtbot):  # noqa: F811
    from ui.dialogs.aid_case import CaseWindow, particulars_dialog

    case_id = ctx.db.execute("SELECT id FROM aid_cases WHERE state = 'active' LIMIT 1").fetchone()[0]
    w = CaseWindow(ctx, case_id)
    qtbot.addWidget(w)
    assert w.edit_file.isEnabled()
    d = particulars_dialog(ctx.db, case_id, w)
    d.form.set_value("self_help", "partial")
    d.accept()
    assert d.result() and aid.get_case(ctx.db, case_id).self_help == "partial"


def test_receipt_dialog_names_the_proxy_and_refuses_a_missing_relation_in_place(ctx, qtbot):  # noqa: F811
    from ui.dialogs.aid_case import receipt_dialog

    pid = ctx.db.execute("SELECT id FROM aid_payments WHERE voided_at IS NULL LIMIT 1").fetchone()[0]
    ap.record_receipt(ctx.db, pid, signed=False)
    d = receipt_dialog(ctx.db, pid, None)
    qtbot.addWidget(d)
    d.form.set_value("signed", True)
    d.form.set_value("proxy_name", "刘强")
    d.accept()
    assert "关系" in d.form.errors["proxy_relation"].text() and not ap.get_payment(ctx.db, pid).signed
    d.form.set_value("proxy_relation", "配偶")
    d.accept()
    p = ap.get_payment(ctx.db, pid)
    assert p.signed and (p.proxy_name, p.proxy_relation) == ("刘强", "配偶")

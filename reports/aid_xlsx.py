"""Aid data as a spreadsheet: marked 内部资料 注意保密 (under the title and at the top of every
printed page), ID numbers masked unless asked otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from models import codes
from models.validation import format_money, mask_id_number
from models import clock
from reports.member_xlsx import write_roster

CONFIDENTIAL = "内部资料 注意保密"


def write_case_list(out_path: str | Path, view_label: str, rows: Iterable[dict], *, mask_id: bool = True) -> int:
    headers = ["档案编号", "姓名", "身份证号", "部门", "困难类别", "状态", "建档日期", "最近复核", "累计帮扶（元）"]
    data = [
        [r["file_no"], r["worker_name"], mask_id_number(r["worker_id_number"]) if mask_id else r["worker_id_number"], r["department"],
         codes.AID_TIER.label(r["tier"]), codes.CASE_STATE.label(r["state"]), r["opened_on"], r["last_review"] or "", format_money(r["aid_total_fen"])]
        for r in rows
    ]
    note = f"{CONFIDENTIAL}    {view_label}    导出日期：{clock.today_iso()}" + ("（身份证号已部分隐藏）" if mask_id else "")
    _, n = write_roster(out_path, "困难职工档案名单", headers, data, note=note, mark=CONFIDENTIAL)
    return n

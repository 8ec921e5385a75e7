"""Recognition of an innovation project (表彰推广) and the priority rule (优先推荐).

The city union's measures recommend a project first when any of these is on record
(domain §5), each with its date, level and evidence:
- 领导批示肯定: written approval or praise by central, provincial party/government,
  city party/government, ACFTU or provincial-federation leaders;
- 典型发言: a typical-experience speech at a national meeting attended by an ACFTU
  leader, or a provincial one attended by a provincial-federation leader;
- 推广: promotion by the ACFTU or the provincial federation through an on-site
  meeting (现场会), an official document (正式文件) or a bulletin (简报);
- 主流媒体报道: reports in mainstream media at city level or above.
Lower levels (a county leader, a city-wide meeting, a county paper) are kept as
recognitions but earn no priority. The rule reads the recognitions dated on or
before a day, so "优先推荐 as of 30 June" is answerable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from models import audit, clock
from models import innovation_codes as ic
from models.field_rules import check_column_text, register_labels
from models.innovation import get_project
from models.validation import ValidationError, check_choice, parse_date

register_labels(
    "innovation_recognitions",
    {"kind": "表彰推广类型", "level": "级别", "channel": "推广方式", "date": "表彰推广日期", "title": "事项", "evidence": "佐证材料",
     "project_id": "创新项目"},
)


@dataclass
class Recognition:
    project_id: int
    kind: str
    level: str
    date: str
    channel: str = ""
    title: str = ""
    evidence: str = ""
    id: int | None = None
    voided_at: str | None = None
    void_reason: str | None = None


def _validate(r: Recognition) -> Recognition:
    r = Recognition(**asdict(r))
    check_choice("表彰推广类型", r.kind, ic.RECOGNITION_KIND, key="kind")
    r.date = parse_date("表彰推广日期", r.date, key="date")
    if not r.date:
        raise ValidationError("表彰推广日期", "不能为空", key="date")
    if not r.level:
        raise ValidationError("级别", "请选择级别", key="level")
    check_choice("级别", r.level, ic.RECOGNITION_LEVEL, key="level")
    if r.level not in ic.LEVELS_OF_KIND[r.kind]:
        raise ValidationError("级别", f"“{ic.RECOGNITION_LEVEL.label(r.level)}”不是{ic.RECOGNITION_KIND.label(r.kind)}的级别", key="level")
    if r.kind == "promotion":
        if not r.channel:
            raise ValidationError("推广方式", "请选择现场会、正式文件或简报", key="channel")
        check_choice("推广方式", r.channel, ic.PROMOTION_CHANNEL, key="channel")
    else:
        r.channel = ""
    r.title = check_column_text("innovation_recognitions", "title", r.title)
    r.evidence = check_column_text("innovation_recognitions", "evidence", r.evidence)
    return r


def add_recognition(db: Database, recognition: Recognition) -> int:
    r = _validate(recognition)
    with db.atomic():
        if get_project(db, r.project_id).voided_at:
            raise ValidationError("创新项目", "项目已作废，不能登记")
        values = {k: getattr(r, k) for k in ("project_id", "kind", "level", "channel", "date", "title", "evidence")}
        return audit.insert_row(db, "innovation_recognitions", values | {"created_at": audit.now()})


def recognitions(db: Database, project_id: int, *, include_void: bool = False, on: str | None = None) -> list[Recognition]:
    where = "" if include_void else " AND voided_at IS NULL"
    params: list[Any] = [project_id]
    if on:
        where += " AND date <= ?"
        params.append(on)
    rows = db.query(f"SELECT * FROM innovation_recognitions WHERE project_id = ?{where} ORDER BY date, id", params)
    return [Recognition(**{k: r[k] for k in Recognition.__dataclass_fields__}) for r in rows]


def void_recognition(db: Database, row_id: int, reason: str) -> None:
    audit.void_row(db, "innovation_recognitions", row_id, reason)


def qualifies(r: Recognition) -> bool:
    """Does this recognition earn priority? (The level decides; a promotion also needs one
    of the three channels, which validation already requires.)"""
    return r.level in ic.QUALIFYING_LEVELS and (r.kind != "promotion" or r.channel in ic.PROMOTION_CHANNEL)


def describe(r: Recognition) -> str:
    """领导批示肯定（省委、省政府领导，2025-06-01） — the criterion as people say it."""
    level = ic.RECOGNITION_LEVEL.label(r.level)
    if r.kind == "promotion":
        level = f"{level}{ic.PROMOTION_CHANNEL.label(r.channel)}推广"
    return f"{ic.RECOGNITION_KIND.label(r.kind)}（{level}，{r.date}）"


def priority(db: Database, project_id: int, *, on: str | None = None) -> list[str]:
    """The criteria that earn "优先推荐", as of `on` (today by default); empty when none."""
    on = on or clock.today_iso()
    return [describe(r) for r in recognitions(db, project_id, on=on) if qualifies(r)]

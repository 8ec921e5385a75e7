"""The annual work report (年度工作总结): a draft the chair edits, with the year's figures filled in.

The content is plain data (a title, sections of paragraphs) built from the same reads
as the yearly filing, as of 31 December: models.filing.compute for the indicators,
and the modules' own as-of reads for what the report names (the sessions held, the
resolutions passed, the projects and their state on that day). reports/annual_docx.py
writes it as .docx for WPS/Word, reports/annual_pdf.py as a PDF through the form kit.

The prose is written per figure: a figure of 0 is said in words ("本年未召开职工代表大会"),
never as "共 0 次"; where the ledger holds nothing a sentence could be built on, the
paragraph carries the marker 【请填写】 so the chair sees what is left to write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from models import clock, codes

MARK = "【请填写】"  # where the chair has to write; the draft never prints a figure it does not know


@dataclass
class Section:
    heading: str  # "一、组织建设"
    paragraphs: list[str]


@dataclass
class AnnualReport:
    year: int
    union_name: str
    unit_name: str
    title: str  # 某某工会2026年度工作总结
    reference_date: str
    notes: list[str]  # shown above the text, in 【】, for the chair to read and delete
    intro: str
    sections: list[Section]
    signature: str  # the union's name under the text
    dated: str  # 2027年1月10日 (the day the draft was made)
    figures: dict[str, Any] = field(default_factory=dict)  # the figures the text was built from (tests, the GUI)

    def paragraphs(self) -> list[str]:
        """Every line of the draft in order (the tests read the text this way)."""
        out = [self.title, *self.notes, self.intro]
        for s in self.sections:
            out += [s.heading, *s.paragraphs]
        return out + [self.signature, self.dated]


# ---------------------------------------------------------------- wording helpers

def _day(iso: str) -> str:
    """2026-03-20 → 3月20日 (the year is the report's)."""
    return f"{int(iso[5:7])}月{int(iso[8:10])}日"


def _full_day(iso: str) -> str:
    return f"{int(iso[:4])}年{int(iso[5:7])}月{int(iso[8:10])}日"


def _yuan(fen: int) -> str:
    """Money as a report words it: 6200元, 1250.50元, 2.875万元 (exact: never rounded)."""
    if fen >= 1_000_000:  # 10,000 yuan and more in 万元
        whole, rest = divmod(fen, 1_000_000)
        return f"{whole}{('.' + f'{rest:06d}'.rstrip('0')) if rest else ''}万元"
    yuan, cents = divmod(fen, 100)
    return f"{yuan}.{cents:02d}元" if cents else f"{yuan}元"


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%"


def _names(titles: list[str], most: int = 5) -> str:
    shown = "、".join(f"《{t}》" if not t.startswith("《") else t for t in titles[:most])
    return shown + (f"等{len(titles)}项" if len(titles) > most else "")


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# ---------------------------------------------------------------- reads beyond the filing

def _membership(db: Database, year: int, end: str) -> dict[str, Any]:
    from models.member_time import members_as_of
    from models.membership import joined_between

    start = f"{year:04d}-01-01"
    rows = members_as_of(db, end, keys=("department",))
    active = [r for r in rows if r["status"] == "active"]
    left = dict(
        db.execute(
            "SELECT e.kind, count(DISTINCT e.member_id) FROM membership_events e JOIN members m ON m.id = e.member_id"
            " WHERE e.voided_at IS NULL AND m.voided_at IS NULL AND e.kind IN ('transfer_out', 'expel', 'withdraw', 'death')"
            " AND e.date BETWEEN ? AND ? GROUP BY e.kind",
            (start, end),
        ).fetchall()
    )
    return {
        "departments": len({r["department"] for r in active if r["department"]}),
        "transferred_in": len(joined_between(db, start, end, kinds=("transfer_in",))),
        "left": sum(left.values()),
        "left_by_kind": left,
    }


def _sessions(db: Database, year: int, end: str) -> list[dict[str, Any]]:
    from models.congress import full_session_name
    from models.congress_meeting import attendance, resolutions
    from models.filing import sessions_held

    out = []
    for s in sessions_held(db, year, end):
        items = resolutions(db, s["id"])
        passed = [r.title for r in items if r.kind == "resolution" and r.vote is not None and r.vote.result == "passed"]
        elections = [r.title for r in items if r.kind == "election" and r.vote is not None]
        a = attendance(db, s["id"])
        out.append({"name": full_session_name(db, s["id"]), "date": s["date"], "expected": a.expected, "present": a.present,
                    "passed": passed, "elections": elections})
    return out


def _disclosure(db: Database, year: int, end: str) -> dict[str, Any]:
    from models.disclosure import year_counts
    from models.disclosure_feedback import feedback_list, inspections

    counts = year_counts(db, year)
    feedback = feedback_list(db, year=year, on=end)
    checks = inspections(db, year=year, on=end)
    channels = [(codes.DISCLOSURE_CHANNEL.label(c), n) for c, n in counts["by_channel"].items() if n]
    return {
        "items": counts["total"], "late": counts["late"], "channels": channels,
        "feedback": len(feedback), "feedback_closed": sum(1 for f in feedback if f["state"] == "closed"),
        "inspections": len(checks),
    }


def _innovation(db: Database, year: int, end: str) -> list[dict[str, Any]]:
    from models.innovation import yearly_list
    from models.innovation_codes import PROJECT_STATE

    return [{"name": p["name"], "state": PROJECT_STATE.label(p["state"]), "subsidy": p["subsidy_granted_fen"]} for p in yearly_list(db, year, on=end)]


def _dues(db: Database, year: int, end: str) -> dict[str, int]:
    """Dues for the year's months paid by 31 December (by month: the index on period serves it;
    a scan by payment day took 2.4 s over a ten-year ledger of 100,000 members)."""
    times, total, people = db.execute(
        # (a member voided as entered by mistake has no live dues: models.member_void voids them with it)
        "SELECT count(*), coalesce(sum(amount_fen), 0), count(DISTINCT member_id) FROM dues_payments"
        " WHERE period BETWEEN ? AND ? AND paid_on <= ? AND voided_at IS NULL",
        (f"{year:04d}-01", f"{year:04d}-12", end),
    ).fetchone()
    return {"times": times, "total": total, "people": people}


# ---------------------------------------------------------------- the sections

def _organisation(v: dict[str, Any], m: dict[str, Any], year: int) -> list[str]:
    members, workers = _int(v["members"]), _int(v["workers"])
    if not members:
        first = f"截至{year}年12月31日，台账中尚无在会会员记录。{MARK}会员人数及组织建设情况。"
    else:
        first = f"截至{year}年12月31日，本会共有在会会员{members}人"
        parts = []
        if _int(v["members_female"]):
            parts.append(f"女会员{v['members_female']}人")
        if _int(v["members_migrant"]):
            parts.append(f"农民工会员{v['members_migrant']}人")
        first += ("，其中" + "，".join(parts) if parts else "") + "。"
        if workers:
            first += f"单位职工总数{workers}人，会员占职工总数的{_percent(members, workers)}。"
        else:
            first += f"{MARK}单位职工总数（设置 → 职工人数）。"
        if m["departments"]:
            first += f"会员分布在{m['departments']}个部门。"
    growth = []
    new = _int(v["members_new"])
    growth.append(f"本年新发展会员{new}人" if new else "本年未发展新会员")
    if m["transferred_in"]:
        growth.append(f"转入会员{m['transferred_in']}人")
    if m["left"]:
        growth.append(f"因调离、退休、退会等原因减少会员{m['left']}人")
    if _int(v["members_retained"]):
        growth.append(f"保留会籍{v['members_retained']}人")
    second = "；".join(growth) + "。"
    cards = _int(v["member_cards"])
    second += f"本年发放会员卡{cards}张。" if cards else "本年未发放会员卡。"
    cadres = [(v.get("cadres_full"), "专职"), (v.get("cadres_part"), "兼职")]
    if all(c is None for c, _ in cadres):
        second += f"{MARK}工会干部配备情况。"
    else:
        said = [f"{kind}工会干部{c}人" for c, kind in cadres if isinstance(c, int) and c]
        second += ("现有" + "、".join(said) + "。") if said else "本会未配备专职、兼职工会干部。"
    return [first, second]


def _democracy(v: dict[str, Any], sessions: list[dict[str, Any]], year: int) -> list[str]:
    out = []
    if not sessions:
        base = "本年未召开职工代表大会" if _int(v["congress_system"]) else "本会尚未建立职工代表大会制度，本年未召开职工代表大会"
        out.append(f"{base}。{MARK}职工民主参与的其他形式及下一步安排。")
    else:
        said = []
        for s in sessions:
            text = f"{_day(s['date'])}召开{s['name']}，应到代表{s['expected']}人，实到{s['present']}人"
            if s["passed"]:
                text += f"，审议通过了{_names(s['passed'])}"
            if s["elections"]:
                text += f"，进行了{_names(s['elections'])}选举"
            said.append(text)
        count = "一次" if len(sessions) == 1 else f"{len(sessions)}次"
        out.append(f"坚持职工代表大会制度，本年召开职工代表大会{count}：" + "；".join(said) + "。")
    received, accepted, closed = (_int(v[k]) for k in ("proposals_received", "proposals_accepted", "proposals_closed"))
    if not received:
        out.append("本年未收到职工代表提案。")
    elif not accepted:
        out.append(f"本年收到职工代表提案{received}件，截至年底尚未立案。")
    else:
        text = f"本年收到职工代表提案{received}件，立案{accepted}件"
        text += f"，截至年底已办结{closed}件，办结率{_percent(closed, accepted)}。" if closed else "，截至年底尚未办结。"
        out.append(text)
    contract = v.get("contract")
    if contract is None:
        out.append(f"{MARK}集体协商和集体合同签订情况。")
    elif contract:
        kinds = [name for key, name in (("contract_wage", "工资专项集体合同"), ("contract_women", "女职工权益保护专项集体合同")) if v.get(key)]
        text = "依法开展集体协商，签订了集体合同" + ("及" + "、".join(kinds) if kinds else "")
        covered = _int(v.get("contract_covered"))
        out.append(text + (f"，覆盖职工{covered}人。" if covered else "。"))
    else:
        out.append(f"本年尚未签订集体合同。{MARK}集体协商工作情况。")
    return out


def _disclosure_text(d: dict[str, Any], v: dict[str, Any]) -> list[str]:
    if not d["items"]:
        if v.get("disclosure"):
            return [f"实行厂务公开制度。{MARK}本年公开事项及职工意见处理情况（台账中没有本年的厂务公开事项记录）。"]
        return [f"台账中没有本年的厂务公开事项记录。{MARK}厂务公开工作情况。"]
    text = f"本年通过{'、'.join(name for name, _ in d['channels'])}等渠道公开事项{d['items']}项" if d["channels"] else f"本年公开事项{d['items']}项"
    text += f"，其中逾期公开{d['late']}项。" if d["late"] else "，均按时公开。"
    if d["feedback"]:
        text += f"收到职工反馈意见{d['feedback']}件，" + (f"已办结{d['feedback_closed']}件。" if d["feedback_closed"] else "截至年底尚未办结。")
    else:
        text += "本年未收到职工反馈意见。"
    text += f"厂务公开监督小组开展监督检查{d['inspections']}次。" if d["inspections"] else "本年未开展厂务公开监督检查。"
    return [text]


_AID_MONEY = (
    ("aid_money_living", "生活救助"), ("aid_money_medical", "医疗救助"), ("aid_money_education", "助学"),
    ("aid_money_warmth", "送温暖"), ("aid_money_other", "就业援助、临时救助等"),
)


def _aid(v: dict[str, Any], year: int) -> list[str]:
    files = _int(v["aid_files"])
    if files:
        tiers = [(v["aid_files_deep"], "深度困难"), (v["aid_files_relative"], "相对困难"), (v["aid_files_accident"], "意外致困")]
        first = f"截至{year}年12月31日，在档困难职工{files}户"
        said = [f"{name}{n}户" for n, name in tiers if _int(n)]
        first += ("，其中" + "、".join(said) if said else "") + "。"
    else:
        first = f"截至{year}年12月31日，本会无在档困难职工。"
    out = _int(v["aid_out"])
    first += f"本年帮助{out}户困难职工解困脱困。" if out else "本年无解困脱困户。"
    money = _int(v["aid_money"])
    if not money:
        return [first, f"本年未发放帮扶资金。{MARK}送温暖、金秋助学等帮扶活动情况。"]
    parts = [f"{name}{_yuan(_int(v[key]))}" for key, name in _AID_MONEY if _int(v[key])]
    second = f"全年发放帮扶资金{_yuan(money)}，帮扶{v['aid_times']}人次"
    second += ("，其中" + "，".join(parts) if parts else "") + "。"
    autumn = _int(v["aid_autumn"])
    if autumn:
        second += f"开展金秋助学，资助困难职工子女{autumn}人。"
    return [first, second]


def _innovation_text(projects: list[dict[str, Any]], year: int) -> list[str]:
    if not projects:
        return [f"本年未申报工会工作创新项目。{MARK}工会工作创新情况。"]
    names = "、".join(p["name"] if p["name"][:1] in "“\"《" else f"“{p['name']}”" for p in projects[:5]) + ("等" if len(projects) > 5 else "")
    states: dict[str, int] = {}
    for p in projects:
        states[p["state"]] = states.get(p["state"], 0) + 1
    text = f"围绕中心工作推进工会工作创新，本年共有创新项目{len(projects)}个（{names}）"
    said = [f"{state}{n}个" for state, n in states.items()]
    text += "，截至年底" + "、".join(said)
    subsidy = sum(p["subsidy"] for p in projects)
    text += f"，获上级工会补助资金{_yuan(subsidy)}。" if subsidy else "。"
    return [text]


def _dues_text(dues: dict[str, int], year: int) -> list[str]:
    if not dues["times"]:
        return [f"台账中没有本年的会费收缴记录。{MARK}会费收缴和经费使用情况。"]
    return [f"按规定收缴会费，截至年底共收缴本年度会费{_yuan(dues['total'])}（{dues['people']}名会员，{dues['times']}笔）。{MARK}经费使用情况。"]


_LEVELS_WORDS = {"全国": "全国", "省级": "省级", "市级": "市级", "县级": "县级"}


def _other(v: dict[str, Any]) -> list[str]:
    from models.filing_form import BY_CODE
    from models.filing import display

    said = []
    if _int(v.get("competitions")):
        said.append(f"组织开展劳动竞赛{v['competitions']}次")
    if _int(v.get("suggestions")):
        said.append(f"征集合理化建议{v['suggestions']}件")
    if v.get("reading_room"):
        said.append("建有职工书屋")
    home = display(BY_CODE["model_home"], v.get("model_home"))
    if home in _LEVELS_WORDS:
        said.append(f"获评{home}模范职工之家")
    text = ("本年" + "，".join(said) + "。") if said else ""
    asked = "职工文化体育活动、女职工工作、职工之家建设等情况" if said else "劳动竞赛、职工文化体育活动、女职工工作、职工之家建设等情况"
    return [f"{text}{MARK}{asked}。"]


def build(db: Database, year: object) -> AnnualReport:
    """The draft of the year's work report. A year not come yet is refused (ValidationError, in Chinese)."""
    from models import filing
    from models.org import get_profile

    table = filing.compute(db, year)
    year, end = table.year, table.reference_date
    v = dict(table.values)
    profile = get_profile(db, on=end)
    union = profile.union_name or "本单位工会"
    membership = _membership(db, year, end)
    sessions = _sessions(db, year, end)
    disclosure = _disclosure(db, year, end)
    projects = _innovation(db, year, end)
    dues = _dues(db, year, end)
    notes = []
    if not filing.year_is_over(year):
        notes.append(f"【注意：{year}年尚未结束，文中数字截至{_full_day(clock.today_iso())}，年末前还会变化。】")
    if not profile.union_name:
        notes.append("【注意：尚未填写工会名称（设置 → 工会信息），标题中暂用“本单位工会”。】")
    unit = profile.unit_name or "本单位"
    intro = (
        f"{year}年，{union}在上级工会和{unit}党组织的领导下，团结带领广大会员和职工，围绕中心、服务大局，"
        f"在组织建设、民主管理、厂务公开、帮扶救助和工作创新等方面做了大量工作。现将一年来的工作总结如下。"
    )
    sections = [
        Section("一、加强组织建设，壮大会员队伍", _organisation(v, membership, year)),
        Section("二、推进民主管理，维护职工权益", _democracy(v, sessions, year)),
        Section("三、深化厂务公开，保障职工知情权", _disclosure_text(disclosure, v)),
        Section("四、做好困难职工帮扶，温暖职工群众", _aid(v, year)),
        Section("五、推进工会工作创新", _innovation_text(projects, year)),
        Section("六、会费收缴与经费管理", _dues_text(dues, year)),
        Section("七、其他工作", _other(v)),
        Section("八、存在的问题和不足", [f"{MARK}一年来工作中存在的问题和不足。"]),
        Section(f"九、{year + 1}年工作打算", [f"{MARK}{year + 1}年工作思路、主要目标和重点措施。"]),
    ]
    figures = v | {"membership": membership, "sessions": sessions, "disclosure": disclosure, "projects": projects, "dues": dues}
    return AnnualReport(
        year=year, union_name=union, unit_name=profile.unit_name, title=f"{union}{year}年度工作总结", reference_date=end,
        notes=notes, intro=intro, sections=sections, signature=union, dated=_full_day(clock.today_iso()), figures=figures,
    )


def default_filename(year: int, kind: str = "docx") -> str:
    return f"{year}年度工会工作总结.{kind}"


def write_report(db: Database, year: object, out: str) -> str:
    """Build the draft and write it to `out` (.docx, or .pdf through the form kit); returns a line to show."""
    from pathlib import Path

    from models.validation import ValidationError

    suffix = Path(out).suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ValidationError("输出文件", f"文件名须以 .docx 或 .pdf 结尾：{Path(out).name}")
    report = build(db, year)
    if suffix == ".pdf":
        from models.org import get_setting
        from reports.annual_pdf import build_annual_pdf

        build_annual_pdf(report, out, font_path=get_setting(db, "pdf_font_path") or "")
    else:
        from reports.annual_docx import write_annual_docx

        write_annual_docx(report, out)
    return f"已生成 {report.year} 年度工会工作总结（初稿）：{out}"

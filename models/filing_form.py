"""The yearly statistics table (基层工会统计年报) as data: its indicators and its logic checks.

The form changes by year and province (domain.md §6), so the rows below are data,
not code: a new year's form is a new table here (FORMS[year] or a changed
INDICATORS), never a change to the computing code. Each row names:

    code      a stable key (kept across years: the comparison with last year and the
              manual entries remembered per year are by code)
    section   the table/section it is printed under
    label     the indicator as the paper form words it
    unit      人 / 户 / 次 / 件 / 个 / 元 / 是否 / 级别 (a choice, CHOICES) / '' (text)
    kind      computed (from the records), manual (typed on the filing screen and
              remembered per year) or profile (the union's profile, text)
    source    the function computing it: a name in models.filing.COMPUTERS, or
              "hook:<module>:<figure>" for a figure another module will give (厂务公开,
              创新项目: wired by models.filing.register_source; a manual entry until then)

CHECKS are the logic checks run before filing: (code, left, operator, right,
message). A failing check warns and needs a written reason to file anyway.
"""

from __future__ import annotations

from dataclasses import dataclass

FORM_NAME = "基层工会统计年报"
FORM_VERSION = "2026.2"  # written into every export and snapshot: consolidation knows what it reads

KINDS = ("computed", "manual", "profile")
YES_NO = "是否"  # the unit of a yes/no indicator: stored as 1 (是) or 0 (否)
MONEY = "元"  # stored in fen, shown in yuan
LEVEL = "级别"  # a coded manual entry: stored as the number of its choice (CHOICES), shown as its words

# The choices of each coded (LEVEL) indicator: (stored number, words, other spellings accepted).
# 模范职工之家 was a yes/no figure until form 2026.2: a 1 stored then (是) is kept and reads
# "已获评（级别未填写）" until the chair types the level; it cannot be typed any more, and the
# table warns about it. 0 (否) reads 未获评, as it meant.
CHOICES: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]] = {
    "model_home": (
        (0, "未获评", ("否", "无", "没有")),
        (1, "已获评（级别未填写）", ()),
        (2, "县级", ("县（区）级", "县区级", "区级", "县")),
        (3, "市级", ("地市级", "市")),
        (4, "省级", ("省部级", "省")),
        (5, "全国", ("全国级", "国家级")),
    ),
}
LEGACY_CHOICES: dict[str, frozenset[int]] = {"model_home": frozenset({1})}  # readable, never typed


@dataclass(frozen=True)
class Indicator:
    code: str
    section: str
    label: str
    unit: str
    kind: str
    source: str = ""

    @property
    def is_hook(self) -> bool:
        return self.source.startswith("hook:")


@dataclass(frozen=True)
class Check:
    code: str
    left: str
    op: str  # "<=" (the only one the form needs so far)
    right: str
    message: str


SECTIONS = ("一、组织情况", "二、职工情况", "三、会员情况", "四、工会干部", "五、民主管理", "六、集体协商", "七、困难职工帮扶", "八、其他工作")

_ROWS: list[tuple[str, str, str, str, str, str]] = [
    # code, section, label, unit, kind, source
    ("unit_name", "一、组织情况", "单位名称", "", "profile", "profile:unit_name"),
    ("credit_code", "一、组织情况", "统一社会信用代码", "", "profile", "profile:credit_code"),
    ("unit_nature", "一、组织情况", "单位性质", "", "profile", "profile:unit_nature"),
    ("industry", "一、组织情况", "所属行业", "", "profile", "profile:industry"),
    ("independent", "一、组织情况", "是否独立建会", YES_NO, "manual", ""),
    ("founded_on", "一、组织情况", "工会成立日期", "", "profile", "profile:founded_on"),
    ("parent_union", "一、组织情况", "上级工会", "", "profile", "profile:parent_union"),
    ("workers", "二、职工情况", "职工人数", "人", "computed", "workforce:workers_total"),
    ("workers_female", "二、职工情况", "其中：女职工", "人", "computed", "workforce:workers_female"),
    ("workers_migrant", "二、职工情况", "其中：农民工", "人", "computed", "workforce:workers_migrant"),
    ("workers_dispatched", "二、职工情况", "其中：劳务派遣工", "人", "computed", "workforce:workers_dispatched"),
    ("members", "三、会员情况", "会员人数", "人", "computed", "members:active"),
    ("members_female", "三、会员情况", "其中：女会员", "人", "computed", "members:female"),
    ("members_migrant", "三、会员情况", "其中：农民工会员", "人", "computed", "members:migrant"),
    ("members_new", "三、会员情况", "其中：本年新发展会员", "人", "computed", "members:new"),
    ("members_retained", "三、会员情况", "保留会籍会员人数", "人", "computed", "members:retained"),
    ("member_cards", "三、会员情况", "会员卡发放数", "张", "computed", "members:cards"),
    ("cadres_full", "四、工会干部", "工会专职干部", "人", "manual", ""),
    ("cadres_part", "四、工会干部", "工会兼职干部", "人", "manual", ""),
    ("congress_system", "五、民主管理", "是否建立职代会制度", YES_NO, "computed", "congress:system"),
    ("congress_sessions", "五、民主管理", "本年召开职代会次数", "次", "computed", "congress:sessions"),
    ("congress_expected", "五、民主管理", "本年职代会应到代表（人次）", "人次", "computed", "congress:expected"),
    ("congress_present", "五、民主管理", "本年职代会实到代表（人次）", "人次", "computed", "congress:present"),
    ("proposals_received", "五、民主管理", "本年收到提案数", "件", "computed", "proposals:received"),
    ("proposals_accepted", "五、民主管理", "其中：立案数", "件", "computed", "proposals:accepted"),
    ("proposals_closed", "五、民主管理", "其中：办结数", "件", "computed", "proposals:closed"),
    ("disclosure", "五、民主管理", "是否实行厂务公开", YES_NO, "manual", "hook:disclosure:practised"),
    ("disclosure_items", "五、民主管理", "本年公开事项数", "项", "manual", "hook:disclosure:items"),
    ("contract", "六、集体协商", "是否签订集体合同", YES_NO, "manual", ""),
    ("contract_wage", "六、集体协商", "是否签订工资专项集体合同", YES_NO, "manual", ""),
    ("contract_women", "六、集体协商", "是否签订女职工权益保护专项集体合同", YES_NO, "manual", ""),
    ("contract_covered", "六、集体协商", "集体合同覆盖职工人数", "人", "manual", ""),
    ("aid_files", "七、困难职工帮扶", "建档困难职工户数", "户", "computed", "aid:files"),
    ("aid_files_deep", "七、困难职工帮扶", "其中：深度困难", "户", "computed", "aid:files_deep"),
    ("aid_files_relative", "七、困难职工帮扶", "其中：相对困难", "户", "computed", "aid:files_relative"),
    ("aid_files_accident", "七、困难职工帮扶", "其中：意外致困", "户", "computed", "aid:files_accident"),
    ("aid_out", "七、困难职工帮扶", "本年解困脱困户数", "户", "computed", "aid:out"),
    ("aid_money", "七、困难职工帮扶", "帮扶资金合计", MONEY, "computed", "aid:money"),
    ("aid_money_living", "七、困难职工帮扶", "其中：生活救助", MONEY, "computed", "aid:money_living"),
    ("aid_money_medical", "七、困难职工帮扶", "其中：医疗救助", MONEY, "computed", "aid:money_medical"),
    ("aid_money_education", "七、困难职工帮扶", "其中：助学（含金秋助学）", MONEY, "computed", "aid:money_education"),
    ("aid_money_warmth", "七、困难职工帮扶", "其中：送温暖", MONEY, "computed", "aid:money_warmth"),
    ("aid_money_other", "七、困难职工帮扶", "其中：就业援助、临时救助及其他", MONEY, "computed", "aid:money_other"),
    ("aid_times", "七、困难职工帮扶", "帮扶人次", "人次", "computed", "aid:times"),
    ("aid_autumn", "七、困难职工帮扶", "金秋助学人数", "人", "computed", "aid:autumn"),
    ("mediation", "八、其他工作", "是否建立劳动争议调解委员会", YES_NO, "manual", ""),
    ("law_supervision", "八、其他工作", "是否建立劳动法律监督组织", YES_NO, "manual", ""),
    ("women_committee", "八、其他工作", "是否建立女职工委员会", YES_NO, "manual", ""),
    ("audit_committee", "八、其他工作", "是否建立经费审查委员会", YES_NO, "manual", ""),
    ("reading_room", "八、其他工作", "是否建有职工书屋", YES_NO, "manual", ""),
    ("model_home", "八、其他工作", "模范职工之家（获评级别）", LEVEL, "manual", ""),
    ("suggestions", "八、其他工作", "本年合理化建议", "件", "manual", ""),
    ("competitions", "八、其他工作", "本年劳动竞赛", "次", "manual", ""),
    ("innovation_projects", "八、其他工作", "本年创新项目数", "个", "manual", "hook:innovation:projects"),
]

INDICATORS: tuple[Indicator, ...] = tuple(Indicator(*row) for row in _ROWS)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}

CHECKS: tuple[Check, ...] = (
    Check("female_members", "members_female", "<=", "members", "女会员人数不能多于会员人数"),
    Check("migrant_members", "members_migrant", "<=", "members", "农民工会员人数不能多于会员人数"),
    Check("new_members", "members_new", "<=", "members", "本年新发展会员不能多于会员人数"),
    # Cards issued in the year against members at its end: more cards is possible (a card
    # replaced, a member who got a card and left), so it asks for a word, as the form's check does.
    Check("cards", "member_cards", "<=", "members", "本年会员卡发放数不应多于年末会员人数（如有补发、换发或年内离会会员的卡，请说明）"),
    Check("members_workers", "members", "<=", "workers", "会员人数多于职工人数（如有会员不在职工人数内，请说明原因）"),
    Check("female_workers", "workers_female", "<=", "workers", "女职工人数不能多于职工人数"),
    Check("female_members_workers", "members_female", "<=", "workers_female", "女会员人数多于女职工人数，请核对"),
    Check("attendance", "congress_present", "<=", "congress_expected", "职代会实到代表人数不能多于应到人数"),
    Check("proposals_accepted", "proposals_accepted", "<=", "proposals_received", "立案数不能多于收到提案数"),
    Check("proposals_closed", "proposals_closed", "<=", "proposals_accepted", "办结数不能多于立案数"),
    Check("aid_tiers", "aid_files_deep+aid_files_relative+aid_files_accident", "<=", "aid_files", "各类困难户数之和不能多于建档困难职工户数"),
    Check("contract_covered", "contract_covered", "<=", "workers", "集体合同覆盖职工人数不能多于职工人数"),
    Check("aid_money_parts", "aid_money_living+aid_money_medical+aid_money_education+aid_money_warmth+aid_money_other", "<=", "aid_money",
          "各类帮扶资金之和不能多于帮扶资金合计"),
)


def indicators() -> tuple[Indicator, ...]:
    return INDICATORS

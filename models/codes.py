"""Every enumeration of the union's books, as code + Chinese label, in one place.

The database stores codes; people see labels. Combo boxes, forms, imports and
exports all read these lists, so a label is spelled once. Codes follow a national
standard where one exists (民族 GB 3304, 政治面貌 GB/T 4762, 性别 GB/T 2261.1);
otherwise they are short English slugs that never change once data uses them.
Each item may carry aliases: the spellings people type in messy rosters.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Code:
    code: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CodeList:
    name: str  # Chinese name of the list, used in messages ("政治面貌")
    items: tuple[Code, ...]
    _by_code: dict[str, Code] = field(default_factory=dict, compare=False, repr=False)
    _by_text: dict[str, Code] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for item in self.items:
            self._by_code[item.code] = item
            for text in (item.code, item.label, *item.aliases):
                self._by_text.setdefault(_fold(text), item)

    def label(self, code: str | None) -> str:
        """The label of a code; '' for None/empty; the code itself if unknown."""
        if not code:
            return ""
        item = self._by_code.get(code)
        return item.label if item else code

    def parse(self, text: str | None) -> str | None:
        """The code for a label, alias or code as people write it; None if unknown."""
        if text is None:
            return None
        item = self._by_text.get(_fold(text))
        return item.code if item else None

    def codes(self) -> list[str]:
        return [item.code for item in self.items]

    def labels(self) -> list[str]:
        return [item.label for item in self.items]

    def pairs(self) -> list[tuple[str, str]]:
        return [(item.code, item.label) for item in self.items]

    def __contains__(self, code: object) -> bool:
        # `x not in codes.X` guards every choice in models/: a list or dict typed in
        # by mistake must fail that guard (a Chinese ValidationError), not raise TypeError.
        try:
            return code in self._by_code
        except TypeError:
            return False


def _fold(text: str) -> str:
    # Tolerate the variants rosters contain: spaces, full-width brackets, case.
    return (
        str(text)
        .strip()
        .replace(" ", "")
        .replace("\u3000", "")
        .replace("（", "(")
        .replace("）", ")")
        .lower()
    )


def _list(name: str, *items: tuple) -> CodeList:
    return CodeList(name, tuple(Code(i[0], i[1], tuple(i[2:])) for i in items))


GENDER = _list("性别", ("1", "男", "男性", "m"), ("2", "女", "女性", "f"))

ID_TYPE = _list(
    "有效证件类别",
    ("ric", "居民身份证", "身份证", "公民身份号码", "二代身份证"),
    ("passport", "护照"),
    ("hk_mo", "港澳居民来往内地通行证", "回乡证"),
    ("tw", "台湾居民来往大陆通行证", "台胞证"),
    ("other", "其他"),
)

_NATIONALITIES = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
ETHNICITY = CodeList(
    "民族",
    tuple(
        Code(f"{i:02d}", f"{n}族", (n,)) for i, n in enumerate(_NATIONALITIES, start=1)
    ),
)

POLITICAL_STATUS = _list(
    "政治面貌",
    ("01", "中共党员", "党员", "中国共产党党员"),
    ("02", "中共预备党员", "预备党员"),
    ("03", "共青团员", "团员", "中国共产主义青年团团员"),
    ("04", "民革党员", "民革"),
    ("05", "民盟盟员", "民盟"),
    ("06", "民建会员", "民建"),
    ("07", "民进会员", "民进"),
    ("08", "农工党党员", "农工党"),
    ("09", "致公党党员", "致公党"),
    ("10", "九三学社社员", "九三学社"),
    ("11", "台盟盟员", "台盟"),
    ("12", "无党派人士", "无党派"),
    ("13", "群众", "普通群众"),
)

EDUCATION = _list(
    "学历",
    ("postgrad", "研究生", "博士", "硕士", "博士研究生", "硕士研究生"),
    ("bachelor", "大学本科", "本科", "大本"),
    ("college", "大学专科", "大专", "专科", "大学专科(大专)"),
    ("vocational", "中专/技校", "中专", "技校", "中技", "职高", "中等专科"),
    ("high", "高中"),
    ("junior", "初中"),
    ("primary", "小学及以下", "小学", "文盲"),
)

HUKOU_TYPE = _list(
    "户籍类型",
    ("urban", "非农业", "城镇", "非农业户口", "城镇户口"),
    ("rural", "农业", "农村", "农业户口", "农村户口"),
    ("converted", "农转居"),
)

EMPLOYMENT = _list(
    "就业状况",
    ("employed", "在岗", "在职"),
    ("laid_off", "待(下)岗", "下岗", "待岗"),
    ("unemployed", "失业"),
    ("retired", "退休"),
    ("veteran_retired", "离休"),
    ("resigned", "退职"),
    ("early_retired", "内退(退养)", "内退", "退养"),
    ("sick_leave", "病休"),
    ("flexible", "灵活就业"),
    ("other", "其他"),
)

SKILL_LEVEL = _list(
    "技术等级",
    ("none", "无"),
    ("l1", "一级/高级技师", "高级技师", "职业资格一级"),
    ("l2", "二级/技师", "技师", "职业资格二级"),
    ("l3", "三级/高级工", "高级工", "职业资格三级"),
    ("l4", "四级/中级工", "中级工", "职业资格四级"),
    ("l5", "五级/初级工", "初级工", "职业资格五级"),
)

YES_NO = _list("是否", ("1", "是", "y", "yes", "true", "√"), ("0", "否", "n", "no", "false"))

# Membership history (会籍变化). The member's status is derived from the latest
# change that is not voided: STATUS_AFTER_EVENT says what each kind leads to.
MEMBERSHIP_EVENT = _list(
    "会籍变动类型",
    ("join", "入会"),
    ("transfer_in", "转入"),
    ("retain", "保留会籍", "会籍保留", "保留"),
    ("restore", "恢复会籍", "恢复"),
    ("transfer_out", "转出"),
    ("expel", "除名"),
    ("withdraw", "退会"),
    ("death", "去世", "死亡"),
)

MEMBER_STATUS = _list(
    "会籍状态",
    ("active", "在会"),
    ("retained", "保留会籍"),
    ("left", "已离会"),
    # The latest change is of a kind this program does not know (a file written
    # outside it, before kinds were checked): shown as such, never guessed as 已离会.
    ("unknown", "未知"),
)

STATUS_AFTER_EVENT: dict[str, str] = {
    "join": "active",
    "transfer_in": "active",
    "restore": "active",
    "retain": "retained",
    "transfer_out": "left",
    "expel": "left",
    "withdraw": "left",
    "death": "left",
}

# Which kinds of change may follow a status (None: a member with no history yet).
EVENTS_ALLOWED_FROM: dict[str | None, tuple[str, ...]] = {
    None: ("join", "transfer_in"),
    "active": ("retain", "transfer_out", "expel", "withdraw", "death"),
    "retained": ("restore", "transfer_out", "expel", "withdraw", "death"),
    "left": ("join", "transfer_in"),
    "unknown": (),  # void the change of unknown kind first; then the status is known again
}

MEMBERSHIP_REASON = _list(
    "会籍变动原因",
    ("labour_change", "劳动关系变化"),
    ("laid_off", "下岗待岗"),
    ("unemployed", "失业"),
    ("bankrupt", "企业破产"),
    ("retired", "退休"),
    ("own_request", "个人要求退会"),
    ("crime", "因犯罪被开除会籍"),
    ("death", "去世"),
    ("other", "其他"),
)

DUES_ROUNDING = _list(
    "会费取整方式",
    ("fen", "精确到分"),
    ("jiao", "四舍五入到角"),
    ("yuan", "四舍五入到元"),
)

# ---------------------------------------------------------------- worker congress

SESSION_KIND = _list("会议类型", ("regular", "例会", "定期会议"), ("special", "临时会议", "临时"))

DELEGATE_CATEGORY = _list(
    "代表类别",
    ("frontline", "一线职工", "工人", "一线工人"),
    ("technical", "技术人员", "专业技术人员"),
    ("management", "管理人员", "中层管理人员"),
    ("leader", "企业领导人员", "领导人员", "企业领导"),
    ("other", "其他"),
)

# How a delegate's service in a term begins and ends (常任制: serve the whole term unless …).
DELEGATE_START = _list("代表产生方式", ("elected", "选举产生", "当选"), ("by_election", "补选"))
DELEGATE_END = _list(
    "代表资格终止原因",  # the common endings first; 罢免 is a grave act and never the first choice
    ("transferred", "调离"),
    ("retired", "退休"),
    ("resigned", "辞去代表职务", "辞职"),
    ("deceased", "去世"),
    ("recalled", "罢免"),
    ("other", "其他"),
)

ATTENDANCE = _list("出席情况", ("present", "出席"), ("leave", "请假"), ("absent", "缺席"))

RESOLUTION_KIND = _list("表决事项类型", ("resolution", "决议"), ("election", "选举"))

PROPOSAL_STATE = _list(
    "提案状态",
    ("submitted", "已提交"),
    ("accepted", "立案"),
    ("rejected", "不立案"),
    ("converted", "转意见建议"),
    ("assigned", "已交办"),
    ("replied", "已答复"),
    ("rated", "已评价"),
    ("closed", "办结"),
)

PROPOSAL_CATEGORY = _list(
    "提案类别",
    ("operations", "生产经营"),
    ("wages", "工资福利"),
    ("safety", "安全生产"),
    ("welfare", "生活后勤"),
    ("training", "教育培训"),
    ("management", "企业管理"),
    ("other", "其他"),
)

PROPOSAL_RATING = _list("代表评价", ("satisfied", "满意"), ("basically", "基本满意"), ("unsatisfied", "不满意"))

# The steps of handling a proposal (proposal_events.action); models/proposals.py
# holds which state each step follows and leads to.
PROPOSAL_ACTION = _list(
    "办理步骤",
    ("submit", "提交"),
    ("accept", "立案"),
    ("reject", "不立案"),
    ("convert", "转意见建议"),
    ("assign", "交办"),
    ("reply", "答复"),
    ("rate", "代表评价"),
    ("reopen", "重新办理"),
    ("close", "办结"),
)

# The result stored with a recorded vote, and with each candidate of an election.
# (models/congress_votes.py defines the same two lists; they should be read from here.)
VOTE_RESULT = _list(
    "表决结果",
    ("passed", "通过"),
    ("failed", "未通过"),
    ("filled", "名额选满"),
    ("unfilled", "名额未选满"),
    ("runoff", "末位得票相同，需再次投票"),
)
TALLY_RESULT = _list("选举结果", ("elected", "当选"), ("not_elected", "未当选"), ("tie", "得票相同，需再次投票"))

# ---------------------------------------------------------------- difficult-worker aid

AID_TIER = _list("困难类别", ("deep", "深度困难"), ("relative", "相对困难"), ("accident", "意外致困"))

HARDSHIP_CAUSE = _list(
    "致困原因",
    ("no_ability", "无劳动能力"),
    ("unemployed_able", "有劳动能力而未就业"),
    ("laid_off", "下岗失业", "失业下岗", "失业"),
    ("no_insurance", "未参加社会保险"),
    ("insurance_gap", "社会保险待遇落实不到位"),
    ("major_illness", "患重特大疾病", "大病", "重大疾病"),
    ("disaster", "遭受自然灾害", "自然灾害"),
    ("accident", "遭受意外事故", "意外事故"),
    ("schooling", "子女上学", "子女就学"),
    ("disability", "残疾"),
    ("single_parent", "单亲"),
    ("other", "其他"),
)
# Causes that can make a family 意外致困 whatever its income before.
SUDDEN_CAUSES = frozenset({"major_illness", "disaster", "accident"})

HEALTH = _list("健康状况", ("good", "良好", "健康"), ("minor", "一般疾病"), ("chronic", "慢性病"), ("major", "重大疾病"), ("disabled", "残疾"))

RELATION = _list(
    "与申请人关系",
    ("self", "本人"),
    ("spouse", "配偶"),
    ("child", "子女", "儿子", "女儿"),
    ("parent", "父母", "父亲", "母亲"),
    ("parent_in_law", "岳父母/公婆"),
    ("grandchild", "孙子女"),
    ("sibling", "兄弟姐妹"),
    ("other", "其他"),
)

HOUSING = _list("住房类型", ("owned", "自购房"), ("rented", "租房"), ("unit_public", "承租单位公房"), ("low_rent", "廉租房"), ("self_built", "自建房"), ("none", "无房"), ("other", "其他"))

MARRIAGE = _list("婚姻状况", ("married", "已婚"), ("single", "未婚"), ("divorced", "离异"), ("widowed", "丧偶"))

WORK_STATUS = _list("工作状态", ("employed", "在岗"), ("laid_off", "下岗"), ("unemployed", "失业"), ("retired", "退休"), ("sick_leave", "病休"), ("early_retired", "内退"), ("migrant", "农民工"))

MODEL_WORKER = _list("劳模类型", ("none", "非劳模"), ("national", "全国劳模"), ("provincial", "省部级劳模"), ("city", "地市级劳模"), ("other", "其他"))

# 自救能力 on the file form: whether the worker can help the household out of hardship by work.
SELF_HELP = _list("自救能力", ("able", "有劳动能力", "有"), ("partial", "部分丧失劳动能力", "部分丧失"), ("unable", "完全丧失劳动能力", "完全丧失", "无劳动能力"))

# The life of a case file, in order; later events: 年度复核 and closing.
CASE_EVENT = _list(
    "档案事项",
    ("apply", "申请"),
    ("visit", "入户调查"),
    ("review", "审核"),
    ("notice", "公示"),
    ("approve", "审批"),
    ("annual_review", "年度复核"),
    ("tier_change", "调整困难类别"),
    ("close", "退出"),
)

CASE_STATE = _list(
    "档案状态",
    ("applied", "已申请"),
    ("visited", "已入户调查"),
    ("reviewed", "已审核"),
    ("notice", "公示中"),
    ("active", "在档"),
    ("out_of_hardship", "已脱困"),
    ("cancelled", "已注销"),
)

CASE_CLOSE_REASON = _list(
    "退出原因",
    ("out_of_hardship", "解困脱困", "脱困"),
    ("retired", "退休"),
    ("transferred", "调离"),
    ("deceased", "死亡", "去世"),
    ("other", "其他"),
)

REVIEW_OUTCOME = _list("复核结论", ("kept", "维持"), ("tier_changed", "调整类别"), ("closed", "退出"))

# aid_case_events.outcome: a yearly review's conclusion, or the reason a file was closed.
CASE_EVENT_OUTCOME = CodeList("档案事项结论", REVIEW_OUTCOME.items + CASE_CLOSE_REASON.items)

AID_TYPE = _list(
    "帮扶类型",
    ("living", "生活救助"),
    ("medical", "医疗救助"),
    ("education", "助学"),
    ("autumn_education", "金秋助学"),
    ("warmth", "送温暖"),
    ("employment", "就业援助"),
    ("temporary", "临时救助"),
    ("other", "其他"),
)

FUNDING_SOURCE = _list("资金来源", ("own", "本级工会经费"), ("upper", "上级补助"), ("donation", "社会捐助"), ("company", "单位"), ("other", "其他"))

# ---------------------------------------------------------------- factory-affairs disclosure

DISCLOSURE_CATEGORY = _list(
    "公开类别",
    ("major", "企业重大决策与生产经营", "重大决策", "生产经营"),
    ("interests", "涉及职工切身利益", "职工切身利益"),
    ("leadership", "领导班子建设与廉洁从业", "领导班子建设与廉洁", "廉洁从业"),
    ("other", "其他（职代会要求公开的事项等）", "其他"),
)

DISCLOSURE_SUBCATEGORY = _list(
    "具体内容",
    ("plan", "发展规划与年度计划"),
    ("results", "生产经营目标及完成情况"),
    ("investment", "重大投资与技术改造"),
    ("restructure", "改制重组与兼并破产"),
    ("budget", "财务预决算"),
    ("contract", "劳动合同与集体合同"),
    ("rules", "劳动规章制度"),
    ("wages", "工资奖金"),
    ("welfare", "福利待遇"),
    ("insurance", "社会保险与住房公积金"),
    ("safety", "劳动保护与安全生产"),
    ("training", "职工培训"),
    ("rewards", "奖惩与评先评优"),
    ("leave", "休息休假"),
    ("hardship", "困难职工帮扶"),
    ("recruitment", "招聘录用与裁员"),
    ("integrity", "领导人员廉洁从业"),
    ("hospitality", "业务招待费使用"),
    ("appraisal", "民主评议领导人员"),
    ("congress", "职代会要求公开的事项"),
    ("misc", "其他事项"),
)

# Which sub-categories belong to which category (the forms offer only these).
SUBCATEGORY_OF: dict[str, tuple[str, ...]] = {
    "major": ("plan", "results", "investment", "restructure", "budget"),
    "interests": ("contract", "rules", "wages", "welfare", "insurance", "safety", "training", "rewards", "leave", "hardship", "recruitment"),
    "leadership": ("integrity", "hospitality", "appraisal"),
    "other": ("congress", "misc"),
}

PERIOD_KIND = _list(
    "公开周期",
    ("monthly", "月度", "每月"),
    ("quarterly", "季度", "每季度"),
    ("half_yearly", "半年", "每半年"),
    ("yearly", "年度", "每年"),
    ("as_arises", "事项发生时", "随时", "及时公开"),
)

DISCLOSURE_CHANNEL = _list(
    "公开渠道",
    ("congress", "职工代表大会", "职代会"),
    ("board", "厂务公开栏", "公开栏"),
    ("briefing", "厂情发布会"),
    ("online", "内部网/OA/企业微信", "内部网", "OA", "企业微信"),
    ("forum", "职工座谈会", "座谈会"),
    ("other", "其他"),
)

FEEDBACK_CHANNEL = _list(
    "反馈渠道",
    ("box", "意见箱"),
    ("forum", "座谈会"),
    ("phone", "电话"),
    ("in_person", "当面反映"),
    ("online", "内部网/OA/企业微信"),
    ("other", "其他"),
)

INSPECTION_ASPECT = _list("检查项目", ("truth", "真实"), ("complete", "完整"), ("timely", "及时"), ("procedure", "程序"))

# ---------------------------------------------------------------- the audit trail

AUDIT_ACTION = _list(
    "操作",
    ("insert", "新增"),
    ("update", "修改"),
    ("void", "作废"),
    ("delete", "删除"),  # a record entered by mistake and never used (a meeting with nothing in it)
    ("event", "其他操作"),  # something done to the ledger as a whole: a restore from a backup
)

ALL_LISTS: tuple[CodeList, ...] = (
    GENDER,
    ID_TYPE,
    ETHNICITY,
    POLITICAL_STATUS,
    EDUCATION,
    HUKOU_TYPE,
    EMPLOYMENT,
    SKILL_LEVEL,
    YES_NO,
    MEMBERSHIP_EVENT,
    MEMBER_STATUS,
    MEMBERSHIP_REASON,
    DUES_ROUNDING,
    SESSION_KIND,
    DELEGATE_CATEGORY,
    DELEGATE_START,
    DELEGATE_END,
    ATTENDANCE,
    RESOLUTION_KIND,
    PROPOSAL_STATE,
    PROPOSAL_CATEGORY,
    PROPOSAL_RATING,
    PROPOSAL_ACTION,
    VOTE_RESULT,
    TALLY_RESULT,
    AID_TIER,
    HARDSHIP_CAUSE,
    HEALTH,
    RELATION,
    HOUSING,
    MARRIAGE,
    WORK_STATUS,
    MODEL_WORKER,
    SELF_HELP,
    CASE_EVENT,
    CASE_STATE,
    CASE_CLOSE_REASON,
    REVIEW_OUTCOME,
    CASE_EVENT_OUTCOME,
    AID_TYPE,
    FUNDING_SOURCE,
    DISCLOSURE_CATEGORY,
    DISCLOSURE_SUBCATEGORY,
    PERIOD_KIND,
    DISCLOSURE_CHANNEL,
    FEEDBACK_CHANNEL,
    INSPECTION_ASPECT,
    AUDIT_ACTION,
)

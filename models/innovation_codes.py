"""The code lists of innovation projects (工会工作创新项目), kept beside models/codes.py.

Same CodeList as every other list (models.codes); they live here because codes.py is
near the size where a file becomes two. The recognition lists carry the city union's
priority criteria (domain §5): which kinds and levels earn "优先推荐".
"""

from __future__ import annotations

from models.codes import _list

# Who declares a project (the measures' applicant kinds).
APPLICANT_KIND = _list(
    "申报单位类型",
    ("county", "县（市、区）总工会", "县总工会", "区总工会"),
    ("zone", "开发区（园区）工会", "开发区工会", "园区工会"),
    ("department", "市直部门工会"),
    ("industry", "产业工会"),
    ("grassroots", "基层工会", "企业工会"),
)

# The declaration life cycle: 草稿 → 已申报 → 入选 / 未入选.
PROJECT_STATE = _list(
    "项目状态",
    ("draft", "草稿"),
    ("declared", "已申报"),
    ("selected", "入选"),
    ("not_selected", "未入选"),
)

# Dated steps of the life cycle (innovation_project_events.kind).
PROJECT_EVENT = _list(
    "项目事项",
    ("declare", "申报"),
    ("select", "入选"),
    ("reject", "未入选"),
    ("subsidy", "补助资金到位"),
)

# Team roles.
TEAM_ROLE = _list(
    "团队分工",
    ("lead", "项目负责人"),
    ("deputy", "副负责人"),
    ("liaison", "联络员"),
    ("member", "成员"),
)

# The stages a plan runs through, from research and publicity to evaluation and summary.
TASK_STAGE = _list(
    "推进阶段",
    ("research", "调查研究"),
    ("publicity", "宣传发动"),
    ("implement", "组织实施"),
    ("supervise", "督导考核"),
    ("summary", "总结提升"),
)

TASK_STATUS = _list(
    "任务状态",
    ("not_started", "未开始"),
    ("in_progress", "进行中"),
    ("done", "已完成"),
    ("delayed", "延期"),
)

RECOGNITION_KIND = _list(
    "表彰推广类型",
    ("leader", "领导批示肯定"),
    ("speech", "典型发言"),
    ("promotion", "推广"),
    ("media", "主流媒体报道"),
)

# Levels, each belonging to one kind; the ones marked True earn priority.
_LEVELS: tuple[tuple[str, str, str, bool], ...] = (
    ("leader", "leader_central", "中央领导", True),
    ("leader", "leader_province", "省委、省政府领导", True),
    ("leader", "leader_city", "市委、市政府领导", True),
    ("leader", "leader_acftu", "全国总工会领导", True),
    ("leader", "leader_prov_fed", "省总工会领导", True),
    ("leader", "leader_city_fed", "市总工会领导", False),
    ("leader", "leader_county", "县（区）领导", False),
    ("speech", "speech_national", "全国性会议（全国总工会领导出席）", True),
    ("speech", "speech_provincial", "全省性会议（省总工会领导出席）", True),
    ("speech", "speech_city", "全市性会议", False),
    ("promotion", "promo_acftu", "全国总工会", True),
    ("promotion", "promo_prov_fed", "省总工会", True),
    ("promotion", "promo_city_fed", "市总工会", False),
    ("media", "media_central", "中央主流媒体", True),
    ("media", "media_province", "省级主流媒体", True),
    ("media", "media_city", "市级主流媒体", True),
    ("media", "media_county", "县级及以下媒体", False),
)
RECOGNITION_LEVEL = _list("级别", *((code, label) for _, code, label, _ in _LEVELS))
LEVELS_OF_KIND: dict[str, tuple[str, ...]] = {
    kind: tuple(code for k, code, _, _ in _LEVELS if k == kind) for kind in RECOGNITION_KIND.codes()
}
QUALIFYING_LEVELS: frozenset[str] = frozenset(code for _, code, _, ok in _LEVELS if ok)

# How a project was promoted (推广): only these three count.
PROMOTION_CHANNEL = _list(
    "推广方式",
    ("onsite", "现场会"),
    ("document", "正式文件"),
    ("bulletin", "简报"),
)

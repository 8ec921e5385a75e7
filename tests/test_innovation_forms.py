"""The innovation forms read back from the PDF: every character of long input is there,
every page past the first is numbered, only the embedded Chinese font is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from models import clock
from models import innovation as inv
from models import innovation_plan as plan
from models import innovation_recognition as rec
from models.org import get_profile, save_profile
from reports import registry
from tests.pdf_check import assert_pages_numbered, font_problems, lost_characters, pages_text, squeeze

HAN = "工会职工创新项目推进计划调查研究宣传发动组织实施督导考核总结提升服务技能培训驿站关爱调解争议合理化建议积分"


def long_text(n: int, seed: int) -> str:
    return "".join(HAN[(i * 7 + seed) % len(HAN)] for i in range(n)) + "。"


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen("2026-06-15T10:00:00"):
        yield


@pytest.fixture
def project(db):
    p = get_profile(db)
    p.union_name = "郑州示例机械制造有限公司工会委员会"
    save_profile(db, p)
    texts = {k: long_text(1500, i) for i, k in enumerate(("problem", "content", "measures", "expected", "indicators", "results"))}
    pid = inv.add_project(db, inv.Project(name="“职工技能提升夜校”项目", year=2026, start_on="2026-03-01", end_on="2026-12-31",
                                          budget_fen=123_456_78, subsidy_requested_fen=60_000_00, **texts))
    inv.add_team_member(db, pid, inv.TeamMember("王建国", "lead", "统筹项目实施", "工会办公室", "13800138000"))
    inv.add_team_member(db, pid, inv.TeamMember("欧阳秀英", "liaison", long_text(120, 9), "生产一车间"))
    tasks = []
    for i in range(30):
        stage = ("research", "publicity", "implement", "supervise", "summary")[i % 5]
        tasks.append(plan.add_task(db, plan.Task(pid, stage, f"第{i + 1}项任务" + long_text(30, i), "2026-03-01", "2026-05-31" if i % 3 else "2026-09-30",
                                                 owner="李华", evidence=long_text(80, i))))
    plan.report_progress(db, tasks[0], "2026-05-01", 60, evidence="阶段记录")
    plan.report_progress(db, tasks[1], "2026-05-10", 50, evidence="推进中")
    plan.report_progress(db, tasks[2], "2026-05-31", 100, evidence="总结")
    inv.declare(db, pid, "2026-03-15")
    inv.decide(db, pid, True, "2026-05-20")
    rec.add_recognition(db, rec.Recognition(pid, "promotion", "promo_prov_fed", "2026-06-01", "bulletin", "省总工会《工作简报》刊发", long_text(200, 3)))
    return pid, texts


def render(db, name: str, pid: int, tmp_path: Path) -> tuple[Path, list[str]]:
    out = registry.render(db, name, tmp_path / f"{name}.pdf", ident=pid)
    return out, pages_text(str(out))


def test_declaration_keeps_every_character_and_has_opinion_and_seal_boxes(db, project, tmp_path):
    pid, texts = project
    out, pages = render(db, "innovation-form", pid, tmp_path)
    assert len(pages) > 2
    assert_pages_numbered(pages)
    assert font_problems(str(out)) == []
    for key in ("problem", "content", "measures", "expected", "indicators"):
        assert not lost_characters(texts[key], pages), key
    whole = squeeze("".join(pages))
    for words in ("工会工作创新项目申报表", "申报单位工会意见", "市总工会意见", "（盖章）", "王建国", "欧阳秀英", "优先推荐：符合",
                  "省总工会简报推广", "123,456.78", "壹拾贰万叁仟肆佰伍拾陆元柒角捌分", "第30项任务"):
        assert squeeze(words) in whole, words
    assert registry.suggested_filename(db, "innovation-form", pid) == "工会工作创新项目申报表-“职工技能提升夜校”项目.pdf"


def test_plan_lists_every_task_with_status_and_overdue(db, project, tmp_path):
    pid, _ = project
    out, pages = render(db, "innovation-plan", pid, tmp_path)
    assert len(pages) > 1
    assert_pages_numbered(pages)
    whole = squeeze("".join(pages))
    for i in range(30):
        assert f"第{i + 1}项任务" in whole
    assert "已完成" in whole and "进行中（逾期）" in whole and "未开始（逾期）" in whole
    assert not lost_characters(long_text(80, 7), pages)


def test_progress_report_has_progress_overdue_recognition_and_results(db, project, tmp_path):
    pid, texts = project
    out, pages = render(db, "innovation-progress", pid, tmp_path)
    assert_pages_numbered(pages)
    assert font_problems(str(out)) == []
    assert not lost_characters(texts["results"], pages)
    whole = squeeze("".join(pages))
    progress = plan.progress(db, pid)
    for words in ("项目进展情况报告", f"{progress}%", "逾期未完成任务", "已逾期15天", "入选（2026年5月20日）", "补助到位", "取得成效"):
        assert squeeze(words) in whole, words


def test_a_bare_project_prints_too(db, tmp_path):
    pid = inv.add_project(db, inv.Project(name="草稿项目", year=2026, start_on="2026-03-01", end_on="2026-12-31"))
    for name in ("innovation-form", "innovation-plan", "innovation-progress"):
        _, pages = render(db, name, pid, tmp_path)
        assert "草稿项目" in squeeze("".join(pages))
    assert "尚未制定" in squeeze("".join(render(db, "innovation-plan", pid, tmp_path)[1]))


def test_cli_prints_the_three_forms(db, db_path, project, tmp_path):
    pid, _ = project
    db.close()
    root = Path(__file__).resolve().parent.parent
    for name in ("innovation-form", "innovation-plan", "innovation-progress"):
        out = tmp_path / f"cli-{name}.pdf"
        run = subprocess.run([sys.executable, str(root / "main.py"), "--db", str(db_path), "print", name, "--project", str(pid), "-o", str(out)],
                             capture_output=True, text=True, cwd=root, timeout=120)
        assert run.returncode == 0, run.stderr
        assert out.stat().st_size > 1000

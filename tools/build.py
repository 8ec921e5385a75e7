"""Build the installable program: `uv run --group build python -m tools.build`.

Makes dist/UnionLedger/, one folder that runs without Python, for the operating system
the command runs on (PyInstaller, one-folder mode; tools/union_ledger.spec says what
goes in):

- Linux: dist/UnionLedger/union-ledger (GUI without arguments, CLI with them), plus
  union-ledger.desktop, union-ledger.svg and install-desktop.sh, which puts the program
  in the desktop's menu (统信UOS, 麒麟, any freedesktop desktop).
- Windows: dist/UnionLedger/UnionLedger.exe (the GUI, no console window) and
  union-ledger-cli.exe (the command line), both with the program icon and version
  information; `--installer` then runs Inno Setup (tools/windows/union-ledger.iss).

Prints the folder's size and the build time. Options: --clean (redo the analysis),
--installer (Windows), --dist DIR.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.version import VERSION  # noqa: E402

SPEC = ROOT / "tools" / "union_ledger.spec"
APP_FOLDER = "UnionLedger"
WINDOWS = sys.platform == "win32"


class BuildError(Exception):
    """A build that cannot go on, with what to do (printed in Chinese)."""


def check_tools() -> None:
    """Say what to install instead of failing deep inside PyInstaller."""
    if sys.version_info < (3, 10):
        raise BuildError(f"需要 Python 3.10 或更高版本（当前 {sys.version.split()[0]}）。")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            "未安装构建工具 PyInstaller。请用 uv 运行：\n"
            "  uv run --group build python -m tools.build\n"
            "（或在当前环境中 pip install pyinstaller 后重试）"
        ) from None
    try:
        import PySide6  # noqa: F401
    except ImportError:
        raise BuildError("未安装 PySide6：请在项目文件夹中用 uv run 运行本命令。") from None


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def make_icon(work: Path) -> Path:
    """The Windows .ico (16–256 px) drawn from resources/icons/app.svg with Qt itself."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (QImage needs one for plugins)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    ico = work / "union-ledger.ico"
    png = work / "union-ledger.png"
    image.save(str(png))
    if not image.save(str(ico), "ICO"):
        # Qt's ICO writer is a plugin (imageformats/qico); Pillow writes every size too.
        from PIL import Image

        Image.open(png).save(ico, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    return ico


def version_file(work: Path) -> Path:
    """Windows version information (file properties › 详细信息), from models/version.py."""
    numbers = [int(n) for n in VERSION.split(".") if n.isdigit()][:4]
    numbers += [0] * (4 - len(numbers))
    four = tuple(numbers)
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={four}, prodvers={four}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', '工会台账'),
      StringStruct('FileDescription', '工会台账 — 基层工会台账管理'),
      StringStruct('FileVersion', '{VERSION}'),
      StringStruct('InternalName', 'UnionLedger'),
      StringStruct('OriginalFilename', 'UnionLedger.exe'),
      StringStruct('ProductName', '工会台账'),
      StringStruct('ProductVersion', '{VERSION}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
    path = work / "version_info.txt"
    path.write_text(text, encoding="utf-8")
    return path


def linux_extras(folder: Path) -> None:
    """The menu entry: a .desktop file, the icon, and a script that installs both for the user."""
    shutil.copy2(ROOT / "resources" / "icons" / "app.svg", folder / "union-ledger.svg")
    for name in ("union-ledger.desktop", "install-desktop.sh"):
        shutil.copy2(ROOT / "tools" / "linux" / name, folder / name)
    (folder / "install-desktop.sh").chmod(0o755)


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    import PyInstaller.__main__

    env_work = work / "assets"
    env_work.mkdir(parents=True, exist_ok=True)
    if WINDOWS:
        make_icon(env_work)
        version_file(env_work)
    os.environ["UL_BUILD_WORK"] = str(env_work)
    args = [str(SPEC), "--noconfirm", "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), "--log-level", "WARN"]
    if clean:
        args.append("--clean")
    PyInstaller.__main__.run(args)


def installer(dist: Path) -> Path:
    """Windows only: the Setup program with Inno Setup's compiler (ISCC.exe)."""
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    default = Path(os.environ.get("ProgramFiles(x86)", "C:/Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and default.exists():
        iscc = str(default)
    if iscc is None:
        raise BuildError("未找到 Inno Setup（ISCC.exe）。请从 https://jrsoftware.org/isinfo.php 安装 Inno Setup 6，或 choco install innosetup。")
    script = ROOT / "tools" / "windows" / "union-ledger.iss"
    icon = ROOT / "build" / "assets" / "union-ledger.ico"
    subprocess.run(
        [iscc, f"/DAppVersion={VERSION}", f"/DSourceDir={dist / APP_FOLDER}", f"/DIconFile={icon}", f"/O{dist}", str(script)],
        check=True,
    )
    return dist / f"UnionLedger-{VERSION}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description="构建可安装的工会台账（单文件夹，无需 Python）。")
    parser.add_argument("--dist", default=str(ROOT / "dist"), help="输出文件夹（默认 dist/）")
    parser.add_argument("--clean", action="store_true", help="清除缓存，重新分析")
    parser.add_argument("--installer", action="store_true", help="（Windows）再用 Inno Setup 生成安装程序")
    args = parser.parse_args(argv)
    try:
        check_tools()
        dist = Path(args.dist).resolve()
        work = ROOT / "build"
        started = time.perf_counter()
        run_pyinstaller(dist, work, args.clean)
        folder = dist / APP_FOLDER
        if not WINDOWS:
            linux_extras(folder)
        elapsed = time.perf_counter() - started
        size = folder_size(folder)
        program = folder / ("UnionLedger.exe" if WINDOWS else "union-ledger")
        print(f"已构建 工会台账 {VERSION}：{program}")
        print(f"文件夹大小：{size / 1024 / 1024:.0f} MB（{sum(1 for p in folder.rglob('*') if p.is_file())} 个文件），用时 {elapsed:.0f} 秒")
        if args.installer:
            if not WINDOWS:
                raise BuildError("安装程序（Inno Setup）只能在 Windows 上生成。")
            print(f"安装程序：{installer(dist)}")
    except BuildError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

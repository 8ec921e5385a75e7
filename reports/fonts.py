"""The Chinese font for printed forms, registered once per process.

A TrueType CJK font found on the machine is embedded (subset) so the PDF prints
the same everywhere and refers to no font the reader must supply. TrueType
collections (.ttc: simsun.ttc, msyh.ttc, wqy-zenhei.ttc) are opened by subfont
index, the Simplified Chinese face first. reportlab cannot embed CFF/OpenType
outlines (Noto Sans CJK .ttc/.otf, Source Han): when no TrueType Chinese font is
found, such a font is converted to TrueType outlines once and the cached copy is
embedded (reports/font_convert.py). Only without any usable file do we fall back
to reportlab's built-in CID font STSong-Light, which is NOT embedded (readers
supply it).
"""

from __future__ import annotations

import glob
import os
import struct
import threading
from pathlib import Path

FONT_NAME = "UL-CJK"
FALLBACK = "STSong-Light"


def _windows_font_dirs() -> list[str]:
    dirs = [os.path.join(os.environ.get("WINDIR", "C:/Windows"), "Fonts")]
    local = os.environ.get("LOCALAPPDATA")
    if local:  # fonts a user installed without admin rights
        dirs.append(os.path.join(local, "Microsoft", "Windows", "Fonts"))
    return dirs


# Preferred files by name, in order: Song (宋体) faces first, as the real forms use.
_WINDOWS_FILES = ["simsun.ttc", "simsun.ttf", "simhei.ttf", "msyh.ttc", "msyh.ttf", "simkai.ttf", "simfang.ttf"]
_OTHER_FILES = [
    # Linux (统信UOS, 麒麟, Debian/Ubuntu, Fedora)
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic-uming/uming.ttc",
    "/usr/share/fonts/fonts-cesi/CESI_SS_GB2312.TTF",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
    # macOS
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
]
# Anything else on the machine whose file name says it is a CJK font (tried last).
_SCAN_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts"]
_SCAN_PATTERNS = ("wqy", "sim", "msyh", "uming", "ukai", "droidsansfallback", "notosanssc", "notoserifsc", "notosanscjk",
                  "notoserifcjk", "cesi", "songti", "fandol", "arphic")


def _candidates() -> list[str]:
    files = [os.path.join(d, name) for d in _windows_font_dirs() for name in _WINDOWS_FILES] if os.name == "nt" else []
    files += _OTHER_FILES
    for folder in _SCAN_DIRS:
        root = os.path.expanduser(folder)
        if not os.path.isdir(root):
            continue
        for path in sorted(glob.glob(os.path.join(root, "**", "*.tt[fc]"), recursive=True)):
            if any(p in os.path.basename(path).lower() for p in _SCAN_PATTERNS) and path not in files:
                files.append(path)
    return files


_chosen: dict[str, str] = {}  # user path ('' for automatic) → registered font name
_by_path: dict[str, str] = {}  # font file → registered font name

_OTHER_REGIONS = ("JP", "KR", "TC", "HK", "Japanese", "Korean")


def ttc_count(path: str) -> int:
    """How many faces a TrueType collection holds (1 for a plain .ttf)."""
    try:
        with open(path, "rb") as f:
            head = f.read(12)
    except OSError:
        return 0
    if head[:4] != b"ttcf":
        return 1
    return struct.unpack(">I", head[8:12])[0]


def _face_index(path: str) -> int | None:
    """Which face of `path` reportlab can embed (a collection: the Simplified Chinese
    one, i.e. not a JP/KR/TC/HK face when there is a choice), or None."""
    from reportlab.pdfbase.ttfonts import TTFont

    n = ttc_count(path)
    if n == 0:
        return None
    collection = n > 1 or path.lower().endswith(".ttc")
    fallback = None
    for index in range(n):
        try:
            font = TTFont("UL-probe", path, subfontIndex=index) if collection else TTFont("UL-probe", path)
        except Exception:  # CFF outlines (Noto CJK), broken or unreadable files
            continue
        face_name = font.face.name
        face_name = face_name.decode("latin-1") if isinstance(face_name, bytes) else str(face_name)
        if not any(region in face_name for region in _OTHER_REGIONS):
            return index
        fallback = index if fallback is None else fallback
    return fallback


def _register(name: str, path: str) -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    index = _face_index(path)
    if index is None:
        return False
    collection = ttc_count(path) > 1 or path.lower().endswith(".ttc")
    pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index) if collection else TTFont(name, path))
    return True


_lock = threading.RLock()  # a print and the start-up warm-up (warm_cache) may ask at once


def cjk_font(user_path: str = "") -> str:
    """The registered font name to draw Chinese with (the user's choice first)."""
    with _lock:
        return _cjk_font(user_path)


def warm_cache() -> None:
    """Find (and where only a CFF font exists, convert) the automatic font ahead of the
    first print; run off the GUI thread at start-up."""
    cjk_font("")


def _cjk_font(user_path: str) -> str:
    if user_path in _chosen:
        return _chosen[user_path]
    name = ""
    for path in ([user_path] if user_path else []) + _candidates():
        if path in _by_path:
            name = _by_path[path]
            break
        if os.path.isfile(path):
            candidate = f"{FONT_NAME}-{len(_by_path) + 1}"
            if _register(candidate, path):
                _by_path[path] = name = candidate
                break
    if not name:
        name = _converted()
    if not name:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        name = FALLBACK
    _chosen[user_path] = name
    return name


def _converted() -> str:
    """A CFF Chinese font converted to TrueType (once, cached), registered; "" when none."""
    from reports.font_convert import converted_cjk

    path = converted_cjk()
    if path is None:
        return ""
    key = str(path)
    if key not in _by_path:
        candidate = f"{FONT_NAME}-{len(_by_path) + 1}"
        if not _register(candidate, key):
            return ""
        _by_path[key] = candidate
    return _by_path[key]


def is_embedded(name: str) -> bool:
    """Whether PDFs drawn with font `name` carry the font (False for the CID fallback)."""
    return name != FALLBACK


def font_file_ok(path: str) -> bool:
    """Whether a font file chosen in 设置 can be embedded (TrueType outlines) and draws Chinese."""
    return not font_problem(path)


GLYPH_PROBE = "工会台账会员花名册困难职工"  # a font that lacks these would print tofu on every form


def font_problem(path: str) -> str:
    """Why a font file chosen in 设置 cannot print the forms, in Chinese; "" when it can."""
    if not path or not Path(path).is_file():
        return "找不到该字体文件。"
    index = _face_index(path)
    if index is None:
        return "该字体文件无法嵌入 PDF（只支持 TrueType 字体，如宋体 simsun.ttc、黑体 simhei.ttf）。"
    from reportlab.pdfbase.ttfonts import TTFont

    collection = ttc_count(path) > 1 or path.lower().endswith(".ttc")
    font = TTFont("UL-probe", path, subfontIndex=index) if collection else TTFont("UL-probe", path)
    missing = [ch for ch in GLYPH_PROBE if ord(ch) not in font.face.charToGlyph]
    if missing:
        return f"该字体不含中文字形（缺“{''.join(dict.fromkeys(missing))}”等字），打印出来会是方框。请选择宋体、黑体等中文字体。"
    return ""

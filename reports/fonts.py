"""The Chinese font for printed forms, registered once per process.

A TrueType CJK font found on the machine is embedded (subset) so the PDF prints
the same everywhere; reportlab cannot embed CFF/OpenType fonts such as Noto CJK,
so those fail to load and are skipped. Without any usable file we fall back to
reportlab's built-in CID font STSong-Light (not embedded; readers supply it).
"""

from __future__ import annotations

import os
from pathlib import Path

FONT_NAME = "UL-CJK"
FALLBACK = "STSong-Light"

_CANDIDATES = [
    # Windows
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simkai.ttf",
    # Linux (统信UOS, 麒麟, Debian/Ubuntu, Fedora)
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic-uming/uming.ttc",
    "/usr/share/fonts/fonts-cesi/CESI_SS_GB2312.TTF",
    # macOS
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
]

_chosen: dict[str, str] = {}  # user path ('' for automatic) → registered font name
_by_path: dict[str, str] = {}  # font file → registered font name


def _try_register(name: str, path: str) -> bool:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        font = TTFont(name, path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont(name, path)
    except Exception:  # CFF outlines, broken or unreadable files: try the next one
        return False
    pdfmetrics.registerFont(font)
    return True


def cjk_font(user_path: str = "") -> str:
    """The registered font name to draw Chinese with (the user's choice first)."""
    if user_path in _chosen:
        return _chosen[user_path]
    name = ""
    for path in ([user_path] if user_path else []) + _CANDIDATES:
        if path in _by_path:
            name = _by_path[path]
            break
        if os.path.isfile(path):
            candidate = f"{FONT_NAME}-{len(_by_path) + 1}"
            if _try_register(candidate, path):
                _by_path[path] = name = candidate
                break
    if not name:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK))
        name = FALLBACK
    _chosen[user_path] = name
    return name


def font_file_ok(path: str) -> bool:
    """Whether a font file chosen in 设置 can be embedded (TrueType outlines)."""
    from reportlab.pdfbase.ttfonts import TTFont

    if not path or not Path(path).is_file():
        return False
    try:
        TTFont("UL-probe", path, subfontIndex=0) if path.lower().endswith(".ttc") else TTFont("UL-probe", path)
    except Exception:
        return False
    return True

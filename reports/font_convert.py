"""OpenType-CFF Chinese fonts (Noto Sans/Serif CJK, Source Han: .otf/.ttc) turned into
TrueType outlines once, so the forms can embed them.

reportlab embeds only TrueType (glyf) outlines. On a machine whose only Chinese fonts
have CFF outlines (a Debian/Ubuntu desktop ships Noto CJK as .ttc with CFF) the forms
fell back to reportlab's STSong-Light, which is not embedded: the reader must supply it.
Here fontTools redraws every glyph of the Simplified Chinese face with quadratic
splines (cu2qu, within one unit of the 1000-unit em) into a glyf table. That takes about
a minute for a 65,000-glyph face, so it is done once: the result is cached in the user's
data folder (fonts/), named after the source file, face, size and date, and written whole
(a temporary file, then a rename) so another process never reads half a font.
"""

from __future__ import annotations

import glob
import hashlib
import os
import threading
from pathlib import Path

# File names of CFF CJK families, Song (serif) faces first as the real forms use; regular weights only.
_PATTERNS = ("notoserifcjk", "notoserifsc", "sourcehanserif", "notosanscjk", "notosanssc", "sourcehansans")
_WEIGHTS_OUT = ("bold", "black", "heavy", "light", "thin", "medium", "semibold", "extralight")
_OTHER_REGIONS = ("JP", "KR", "TC", "HK")
_SCAN_DIRS = ["/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/Library/Fonts", "~/Library/Fonts"]
_lock = threading.Lock()


def cff_candidates(dirs: list[str] | None = None) -> list[str]:
    """CFF CJK font files on the machine, serif before sans, regular weights only."""
    found: list[tuple[int, str]] = []
    for folder in dirs if dirs is not None else _SCAN_DIRS:
        root = os.path.expanduser(folder)
        if not os.path.isdir(root):
            continue
        for path in sorted(glob.glob(os.path.join(root, "**", "*.[ot]t[fc]"), recursive=True)):
            name = os.path.basename(path).lower().replace("-", "").replace("_", "")
            rank = next((i for i, p in enumerate(_PATTERNS) if p in name), None)
            if rank is not None and not any(w in name for w in _WEIGHTS_OUT):
                found.append((rank, path))
    return [p for _, p in sorted(found)]


def _faces(path: str) -> list:
    from fontTools.ttLib import TTCollection, TTFont

    with open(path, "rb") as f:
        collection = f.read(4) == b"ttcf"
    return TTCollection(path, lazy=True).fonts if collection else [TTFont(path, lazy=True)]


def chinese_cff_face(path: str) -> int | None:
    """The index of the Simplified Chinese face with CFF outlines in `path`, or None."""
    try:
        faces = _faces(path)
    except Exception:  # not a font fontTools can read
        return None
    fallback = None
    for index, font in enumerate(faces):
        if "CFF " not in font or "cmap" not in font:
            continue
        name = str(font["name"].getDebugName(4) or "")
        if not any(f" {region}" in name or name.endswith(region) for region in _OTHER_REGIONS):
            return index
        fallback = index if fallback is None else fallback
    return fallback


def cache_dir() -> Path:
    from models.paths import data_dir

    path = data_dir() / "fonts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_name(path: str, index: int) -> str:
    """The cache file of a face: a new font file (other size or date) is converted anew."""
    st = os.stat(path)
    key = hashlib.sha1(f"{os.path.abspath(path)}|{index}|{st.st_size}|{int(st.st_mtime)}".encode()).hexdigest()[:12]
    return f"{Path(path).stem}-{index}-{key}.ttf"


def truetype_copy(path: str, index: int, folder: Path | None = None) -> Path | None:
    """A TrueType-outline copy of face `index` of `path`, converted once and cached; None
    when fontTools is missing or the font cannot be converted."""
    try:
        import fontTools  # noqa: F401
    except ImportError:
        return None
    folder = folder or cache_dir()
    target = folder / cached_name(path, index)
    with _lock:
        if target.is_file():
            return target
        temp = target.with_suffix(f".{os.getpid()}.tmp")
        try:
            _convert(path, index, temp)
            os.replace(temp, target)
        except Exception:  # a damaged or unusual font: the caller falls back
            temp.unlink(missing_ok=True)
            return None
    return target


def _convert(src: str, index: int, dst: Path) -> None:
    """Redraw every glyph with quadratic outlines into glyf/loca; drop CFF (see the module)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(src, fontNumber=index)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    # Glyph names are not kept: 65,535 of them overflow a format-2 post table.
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(dst))


def converted_cjk(dirs: list[str] | None = None, folder: Path | None = None) -> Path | None:
    """A TrueType copy of the first convertible CFF Chinese font on the machine (cached)."""
    for path in cff_candidates(dirs):
        index = chinese_cff_face(path)
        if index is None:
            continue
        copy = truetype_copy(path, index, folder)
        if copy is not None:
            return copy
    return None

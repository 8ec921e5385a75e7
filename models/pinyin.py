"""Pinyin of names, for search by initials (张三 → zs) and sorting by pronunciation.

pypinyin reads common words well but surnames badly (曾 zeng, not ceng; 单 shan,
not dan), so the surname is read from an override table first.
"""

from __future__ import annotations

from functools import lru_cache

# Surnames whose reading differs from the character's most common one.
SURNAME_READINGS: dict[str, str] = {
    "尉迟": "yuchi",
    "万俟": "moqi",
    "长孙": "zhangsun",
    "澹台": "tantai",
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "区": "ou",
    "查": "zha",
    "乐": "yue",
    "朴": "piao",
    "尉": "wei",
    "覃": "qin",
    "盖": "ge",
    "缪": "miao",
    "翟": "zhai",
    "种": "chong",
    "繁": "po",
    "员": "yun",
    "召": "shao",
    "秘": "bi",
    "冼": "xian",
    "燕": "yan",
    "宁": "ning",
    "纪": "ji",
    "任": "ren",
    "华": "hua",
    "沈": "shen",
    "柏": "bai",
    "薄": "bo",
    "藏": "zang",
    "折": "she",
    "那": "na",
    "过": "guo",
    "阚": "kan",
    "隗": "wei",
    "句": "gou",
    "郇": "huan",
    "眭": "sui",
}
_COMPOUND = sorted((s for s in SURNAME_READINGS if len(s) > 1), key=len, reverse=True)


@lru_cache(maxsize=4096)
def _syllables(name: str) -> tuple[str, ...]:
    surname = next((s for s in _COMPOUND if name.startswith(s)), name[:1])
    if surname in SURNAME_READINGS:
        head = _split_compound(surname)
        rest = name[len(surname):]
    else:
        head, rest = (), name
    # Character by character, each cached: names need no phrase segmentation, and a
    # roster of 10,000 names uses only a few thousand distinct characters.
    return tuple(head) + tuple(_char(ch) for ch in rest)


@lru_cache(maxsize=None)
def _char(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL, errors=lambda chars: [chars.lower()])[0]


def _split_compound(surname: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    if len(surname) == 1:
        return (SURNAME_READINGS[surname],)
    # Compound surnames: take pypinyin's per-character split of the override when it agrees.
    parts = lazy_pinyin(surname, style=Style.NORMAL)
    if "".join(parts) == SURNAME_READINGS[surname]:
        return tuple(parts)
    return (SURNAME_READINGS[surname],)


def spelled(name: str) -> str:
    """Full pinyin without tones, syllables joined: 曾志伟 → zengzhiwei."""
    return "".join(_syllables(name))


def initials(name: str) -> str:
    """First letters: 曾志伟 → zzw; 尉迟恭 → ycg."""
    out = []
    for syllable in _syllables(name):
        out.append(syllable[:1])
    return "".join(out)

"""Reading the rows of a roster file: .xlsx, .xls (python-calamine) and .csv.

Cell types are kept as the file has them (numbers stay numbers, dates stay
dates) so the importer can tell an ID number that Excel turned into a number.
CSV files come as UTF-8 (with or without BOM) or GB18030, as Chinese Excel and
WPS save them; anything else is refused with a message, never guessed.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


class SpreadsheetError(Exception):
    """A file that cannot be read as a roster; the message is Chinese."""


def read_rows(path: str | Path) -> list[list[object]]:
    """The rows of the first sheet, as lists of cell values ('' for empty cells)."""
    path = Path(path)
    if not path.exists():
        raise SpreadsheetError(f"找不到文件 {path}")
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if not data.strip():
        raise SpreadsheetError(f"文件 {path.name} 是空的")
    if suffix == ".csv":
        return _read_csv(data, path.name)
    if suffix not in (".xlsx", ".xls", ".xlsm", ".ods"):
        raise SpreadsheetError(f"不支持的文件类型“{suffix or '无扩展名'}”，请选择 .xlsx、.xls 或 .csv 文件")
    if suffix in (".xlsx", ".xlsm") and data.startswith(OLE_MAGIC) and _is_encrypted(data):
        raise SpreadsheetError(f"文件 {path.name} 设有打开密码，请在 Excel/WPS 中取消密码后另存，再导入")
    if suffix in (".xlsx", ".xlsm", ".ods") and not data.startswith(ZIP_MAGIC):
        raise SpreadsheetError(f"文件 {path.name} 已损坏或不是有效的 Excel 文件")
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        if not book.sheet_names:
            raise SpreadsheetError(f"文件 {path.name} 中没有工作表")
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except SpreadsheetError:
        raise
    except Exception as exc:
        if data.startswith(OLE_MAGIC) and _is_encrypted(data):
            raise SpreadsheetError(f"文件 {path.name} 设有打开密码，请在 Excel/WPS 中取消密码后另存，再导入") from None
        raise SpreadsheetError(f"无法读取 {path.name}：文件已损坏或格式不正确（{type(exc).__name__}）") from None
    rows = [list(r) for r in rows]
    if not any(any(str(c).strip() for c in r) for r in rows):
        raise SpreadsheetError(f"文件 {path.name} 的第一个工作表是空的")
    return rows


def _is_encrypted(data: bytes) -> bool:
    # An encrypted OOXML file is an OLE container holding an "EncryptedPackage" stream;
    # stream names are stored in UTF-16LE in the directory entries.
    return "EncryptedPackage".encode("utf-16-le") in data


def _read_csv(data: bytes, name: str) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _looks_garbled(text):
            break
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
        except csv.Error:
            dialect = csv.excel
        rows = [list(r) for r in csv.reader(io.StringIO(text), dialect)]
        if not any(any(c.strip() for c in r) for r in rows):
            raise SpreadsheetError(f"文件 {name} 是空的")
        return rows
    raise SpreadsheetError(f"无法识别文件 {name} 的编码。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入")


def _looks_garbled(text: str) -> bool:
    """GB18030 decodes almost any bytes; text from another encoding shows up as rare symbols."""
    odd = sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return odd > 0

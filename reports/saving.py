"""Writing a file whole or not at all, with a Chinese message when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator


class SaveError(Exception):
    """The PDF could not be written (read-only folder, full disk); nothing was left behind."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` whole or not at all; errors become a Chinese SaveError."""
    folder = path.resolve().parent
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except PermissionError:
        raise SaveError(f"无法保存到 {path}：文件夹不可写，或文件正被其他程序（如 WPS、PDF 阅读器）打开。") from None
    except OSError as exc:
        raise SaveError(f"无法保存到 {path}：{_os_reason(exc)}。") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


@contextmanager
def open_atomic(path: Path) -> Iterator[BinaryIO]:
    """A file to stream into that becomes `path` only when the block ends without an error
    (a cancelled or failed export leaves the old file, or none, behind); errors of the
    file system become a Chinese SaveError, as write_atomic's do."""
    folder = path.resolve().parent
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~", suffix=path.suffix, dir=folder)
        with os.fdopen(fd, "w+b") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except PermissionError:
        raise SaveError(f"无法保存到 {path}：文件夹不可写，或文件正被其他程序（如 WPS、PDF 阅读器）打开。") from None
    except OSError as exc:
        raise SaveError(f"无法保存到 {path}：{_os_reason(exc)}。") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "磁盘空间已满"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "文件夹不可写"
    if exc.errno == errno.ENOENT:
        return "文件夹不存在"
    return exc.strerror or str(exc)

"""Never a half-written file: exports are written beside their target under a temporary name and renamed at the end.

Owns the temporary file (or folder, for a PNG sequence) in the target's own folder, the
atomic rename that publishes it, removing it on cancel or failure, and turning an
OSError into a message a user can act on (a full disk, a folder that cannot be written).
Never encodes a frame.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.export.options import ExportError

translate = QCoreApplication.translate


class Output:
    """The temporary path an export writes to, published by `commit()` or removed by `discard()`."""

    def __init__(self, target: Path, folder: bool) -> None:
        self.target = target
        self.folder = folder
        parent = target.parent
        if not parent.is_dir():
            raise ExportError(translate("Export", "The folder {folder} does not exist.").format(folder=str(parent)))
        if folder and target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise ExportError(
                translate(
                    "Export", "{name} already exists and is not an empty folder; choose a new folder name."
                ).format(name=str(target))
            )
        if not folder and target.is_dir():
            raise ExportError(translate("Export", "{name} is a folder.").format(name=str(target)))
        prefix = f".{target.name}.partial-"
        try:
            # in the target's own folder, so publishing is one rename on one file system
            if folder:
                self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            else:
                handle, name = tempfile.mkstemp(prefix=prefix, suffix=target.suffix, dir=parent)
                os.close(handle)
                self.path = Path(name)
        except OSError as exc:
            raise ExportError(describe_os_error(exc, target)) from exc
        self.done = False

    def commit(self) -> None:
        """Publish the finished export under its real name (replacing an earlier file of that name)."""
        try:
            # temporary files are private (0600); the published one gets the usual permissions
            os.chmod(self.path, (0o777 if self.folder else 0o666) & ~_umask())
            if self.folder and self.target.is_dir():
                self.target.rmdir()  # empty (checked above): the new folder takes its place
            os.replace(self.path, self.target)
        except OSError as exc:
            self.discard()
            raise ExportError(describe_os_error(exc, self.target)) from exc
        self.done = True

    def discard(self) -> None:
        """Remove whatever was written; the target is left as it was."""
        if self.done:
            return
        if self.folder:
            shutil.rmtree(self.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # already gone, or not ours to remove: nothing more to do
                self.path.unlink()
        self.done = True


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


def describe_os_error(exc: OSError, target: Path) -> str:
    """What went wrong while writing `target`, and that nothing was saved."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return translate(
            "Export",
            "The disk is full: {name} could not be written, so nothing was saved. Free some space and export again.",
        ).format(name=str(target))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return translate(
            "Export", "Coroscope may not write in {folder}; nothing was saved. Choose another folder."
        ).format(folder=str(target.parent))
    return translate("Export", "Could not write {name}: {reason}. Nothing was saved.").format(
        name=str(target), reason=exc.strerror or str(exc)
    )

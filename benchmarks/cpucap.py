"""A phone-class CPU for the page AND its worker: a CPU cap on this benchmark's own renderer processes.

CDP's ``Emulation.setCPUThrottlingRate`` (what Lighthouse and DevTools use) slows only a page's
main thread: a dedicated worker, where Pyodide runs for the guide and for bare Pyodide alike,
keeps desktop speed, and a worker target refuses the command (mobile performance review,
finding 7). So the renderer processes descended from this Python process (never anyone else's)
are moved into a cgroup whose CPU quota is ``share`` of one core: with one busy thread that is
a 1/share slowdown for the main thread and the worker alike. It slows parallel work (wasm
compile threads) more than a phone's several cores would.

cgroup v1 (``/sys/fs/cgroup/cpu``) and v2 (``cpu.max``) are supported; both need permission to
create a group. ``PhoneCPU.available()`` says whether this machine allows it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

V1 = Path("/sys/fs/cgroup/cpu")
V2 = Path("/sys/fs/cgroup")
PERIOD_US = 20_000


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(parent, []).append(int(entry))
    return kids


def my_renderers() -> list[int]:
    """PIDs of Chromium renderer processes descended from this process."""
    kids = _children()
    found, stack = [], [os.getpid()]
    while stack:
        for child in kids.get(stack.pop(), []):
            stack.append(child)
            try:
                if b"--type=renderer" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(child)
            except OSError:
                continue
    return found


class PhoneCPU:
    """While enabled, a thread moves our renderers into a capped group every 10 ms."""

    def __init__(self, share: float = 0.25) -> None:
        self.share = share
        name = f"tmg-bench-{os.getpid()}"
        if (V1 / "cpu.cfs_quota_us").exists():
            self.root, self.group = V1, V1 / name
            self.group.mkdir(exist_ok=True)
            (self.group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (self.group / "cpu.cfs_quota_us").write_text(str(int(PERIOD_US * share)))
        else:
            self.root, self.group = V2, V2 / name
            self.group.mkdir(exist_ok=True)
            (self.group / "cpu.max").write_text(f"{int(PERIOD_US * share)} {PERIOD_US}")
        self.moved: set[int] = set()
        self._on = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def available() -> str | None:
        """None when a cap can be set here, else why not."""
        try:
            PhoneCPU().close()
        except OSError as error:
            return f"no CPU cap on this machine (cgroup: {error})"
        return None

    def enable(self, on: bool) -> None:
        if on:
            self._on.set()
            self._sweep()
        else:
            self._on.clear()
            self._release()

    def _sweep(self) -> None:
        for pid in my_renderers():
            if pid not in self.moved:
                try:
                    (self.group / "cgroup.procs").write_text(str(pid))
                    self.moved.add(pid)
                except OSError:
                    pass  # the process ended meanwhile

    def _release(self) -> None:
        for pid in list(self.moved):
            with contextlib.suppress(OSError):
                (self.root / "cgroup.procs").write_text(str(pid))
            self.moved.discard(pid)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._on.is_set():
                self._sweep()
            self._stop.wait(0.01)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._release()
        try:
            for pid in (self.group / "cgroup.procs").read_text().split():
                (self.root / "cgroup.procs").write_text(pid)
            self.group.rmdir()
        except OSError:
            pass

"""Commands that can run long show a progress bar on stderr when it is a terminal, and none
in a pipe. Run for real under a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from quidproquo.app import Quidproquo

QPQ = str(Path(sys.executable).parent / "qpq")  # the installed command


def _stderr_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run `qpq ARGS` with stderr on a pseudo-terminal; (exit code, stdout, stderr text)."""
    main_fd, tty_fd = pty.openpty()
    fcntl.ioctl(tty_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # 40 x 120
    proc = subprocess.Popen(
        [QPQ, *args],
        stdout=subprocess.PIPE, stderr=tty_fd, cwd=cwd,
    )  # fmt: skip
    os.close(tty_fd)
    seen = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=600)
    os.close(main_fd)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


@pytest.fixture(scope="module")
def curated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("progress") / "p.db"
    Quidproquo(str(db)).load_curated()
    return db


def test_report_shows_its_steps_on_a_terminal(curated_db: Path, tmp_path: Path) -> None:
    code, out, err = _stderr_on_a_terminal(
        ["--db", str(curated_db), "report", "--out", str(tmp_path / "r")], tmp_path
    )
    assert code == 0, err
    assert out.strip().endswith("index.html")
    for name in ("report:", "ledger", "chance test: releases", "chance test: other periods",
                 "terms of trade", "charts and page"):  # fmt: skip
        assert name in err


def test_ledger_and_export_show_progress_on_a_terminal(curated_db: Path, tmp_path: Path) -> None:
    code, _, err = _stderr_on_a_terminal(["--db", str(curated_db), "ledger"], tmp_path)
    assert code == 0 and "chance test: windows" in err
    target = tmp_path / "incidents.csv"
    args = ["--db", str(curated_db), "export", "incidents", "--format", "csv", "--out", str(target)]
    code, _, err = _stderr_on_a_terminal(args, tmp_path)
    assert code == 0 and "export incidents" in err and "row" in err
    assert target.read_text(encoding="utf-8").startswith("id,type")


def test_no_progress_bar_in_a_pipe(curated_db: Path, tmp_path: Path) -> None:
    args = ["--db", str(curated_db), "report", "--out", str(tmp_path / "r")]
    done = subprocess.run([QPQ, *args], capture_output=True,
                          text=True, timeout=600, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""


def test_watch_shows_each_polls_steps_on_a_terminal(tmp_path: Path) -> None:
    """A feed file (no network): its one item is stored, extracted and resolved."""
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        "<item><title>Nine freed</title><guid>t-1</guid>"
        "<pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate><description>Belarus released 9"
        " political prisoners on Monday, the press office said.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    args = ["--db", str(tmp_path / "w.db"), "watch", str(feed), "--once"]
    code, out, err = _stderr_on_a_terminal(args, tmp_path)
    assert code == 0, err
    assert "1 new document(s)" in out
    for name in ("watch:", "fetching 1 feed(s)", "extracting 1 new document(s)", "resolving"):
        assert name in err

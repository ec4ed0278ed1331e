"""Several processes opening a fresh database at once all succeed, and migrate it once."""

from __future__ import annotations

import subprocess
import sys

from quidproquo.store import Store, _migrations

OPEN = "import sys; from quidproquo.store import Store; Store(sys.argv[1])"


def _open_together(url: str, processes: int = 4) -> list[subprocess.CompletedProcess[str]]:
    running = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN, url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    out = []
    for proc in running:
        stdout, stderr = proc.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return out


def test_concurrent_first_use_migrates_once(db_url: str) -> None:
    for _ in range(2):  # each round on a database none of them has seen
        results = _open_together(db_url)
        assert [r.returncode for r in results] == [0] * len(results), [r.stderr for r in results]
        store = Store(db_url, migrate=False)
        versions = [r["version"] for r in store.query("SELECT version FROM schema_migrations")]
        assert sorted(versions) == [v for v, _ in _migrations(store.dialect)]
        if store.dialect != "sqlite":
            break
        store.engine.dispose()
        db_url += "-2"

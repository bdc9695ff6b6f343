"""Real processes on one library: a killed writer loses nothing saved; two writers never see 'locked'."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from app.core.models import Article
from app.store.library import Library

ROOT = Path(__file__).resolve().parents[3]


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _reap(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate()


_WRITER = """
import sys, time
from app.core.models import Article
from app.store.library import Library
lib = Library.open(sys.argv[1])
art = lib.save_article(Article.from_paragraphs([("مقال كتب قبل أن تقتل العملية", "body")]))
i = 0
while True:
    note = lib.add_note(f"ملاحظة رقم {i}", article_id=art.id)
    print(note.id, flush=True)  # printed only after add_note returned: saved
    i += 1
    if sys.argv[2] == "once":
        time.sleep(120)
"""


def test_note_survives_sigkill_after_save(tmp_path: Path) -> None:
    proc = _spawn(_WRITER, str(tmp_path), "once")
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip(), proc.stderr.read() if proc.stderr else ""
        note_id = int(line)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    finally:
        _reap(proc)
    assert proc.returncode == -signal.SIGKILL
    with Library.open(tmp_path) as lib:
        note = lib.get_note(note_id)
        assert note.body == "ملاحظة رقم 0"
        assert lib.list_articles()[0].title == "مقال كتب قبل أن تقتل العملية"


def test_sigkill_in_the_middle_of_writing(tmp_path: Path) -> None:
    """Killed at an arbitrary moment while writing: every note reported saved is there, the file is fine."""
    proc = _spawn(_WRITER, str(tmp_path), "loop")
    saved: list[int] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while len(saved) < 40 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            saved.append(int(line))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        saved += [int(x) for x in rest.split()]
    finally:
        _reap(proc)
    assert len(saved) >= 40
    with Library.open(tmp_path) as lib:
        article_id = lib.list_articles()[0].id
        present = {n.id for n in lib.notes_for_article(article_id)}
        assert set(saved) <= present
        assert lib.store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


_CONCURRENT = """
import sys
from app.core.models import Article
from app.store.library import Library
lib = Library.open(sys.argv[1])
tag = sys.argv[2]
for i in range(int(sys.argv[3])):
    art = lib.save_article(Article.from_paragraphs([(f"مقال {tag} رقم {i} عن بغداد", "body")]))
    lib.add_note(f"ملاحظة {tag} {i}", article_id=art.id)
    lib.add_tag(art.id, tag)
    lib.search("بغداد", limit=5)
print("done", flush=True)
"""


def test_two_processes_write_the_same_library(tmp_path: Path) -> None:
    Library.open(tmp_path).close()  # created first, so both children open an existing library
    n = 60
    procs = [_spawn(_CONCURRENT, str(tmp_path), tag, str(n)) for tag in ("أ", "ب")]
    try:
        outs = [p.communicate(timeout=240) for p in procs]
    finally:
        for p in procs:
            _reap(p)
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.strip() == "done"
        assert "locked" not in err.lower()
    with Library.open(tmp_path) as lib:
        assert lib.count_articles() == 2 * n
        assert dict(lib.all_tags()) == {"أ": n, "ب": n}
        assert lib.stats()["notes"] == 2 * n


_HOLDER = """
import sys, time
from app.store.library import Library
lib = Library.open(sys.argv[1])
with lib.batch():
    lib.store.conn.execute("INSERT INTO tags(name) VALUES ('held')")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
print("released", flush=True)
"""


def test_a_writer_waits_for_another_instead_of_failing(tmp_path: Path) -> None:
    Library.open(tmp_path).close()
    holder = _spawn(_HOLDER, str(tmp_path), "1.0")
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "holding"
        with Library.open(tmp_path) as lib:
            t0 = time.monotonic()
            art = lib.save_article(Article.from_paragraphs([("نص", "body")]))
            waited = time.monotonic() - t0
            assert art.created
        _, err = holder.communicate(timeout=60)
    finally:
        _reap(holder)
    assert holder.returncode == 0, err
    assert waited > 0.2  # it really waited for the other process's transaction
    with Library.open(tmp_path) as lib:
        assert [name for name, _ in lib.all_tags()] == ["held"]

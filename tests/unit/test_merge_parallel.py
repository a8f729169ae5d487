"""Reading exports on every core (core/merge/parallel.py, `--jobs`): forked readers give
exactly what one process gives, and a reader that fails loses no file."""

from __future__ import annotations

import csv
import fcntl
import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from workshop_tui.cli.main import main
from workshop_tui.core.demo import FICTITIOUS_MUNICIPALITIES, demo_session
from workshop_tui.core.exports import to_csv
from workshop_tui.core.merge import load_exports, parallel, summarise
from workshop_tui.core.merge.output import merge_csv
from workshop_tui.core.merge.parallel import Readers, chunk_size, read_all
from workshop_tui.core.session.storage import session_filename, session_json


@pytest.fixture
def few_files_per_reader(monkeypatch):
    """Fork readers for a handful of files, as the merge does for hundreds."""
    monkeypatch.setattr(parallel, "MIN_FILES_PER_READER", 2)


@pytest.fixture
def mixed_folder(catalogue, tmp_path) -> Path:
    """JSON sessions and tidy CSVs of every process, with bad files among them."""
    folder = tmp_path / "exports"
    folder.mkdir()
    for index, process in enumerate(list(catalogue) * 4):
        municipality = FICTITIOUS_MUNICIPALITIES[index % len(FICTITIOUS_MUNICIPALITIES)]
        session = demo_session(process, municipality, seed=index)
        if index % 3:
            (folder / session_filename(session)).write_text(session_json(session), "utf-8")
        else:
            (folder / f"{index:02d}.csv").write_text(to_csv(session, process), "utf-8")
    (folder / "zz_truncated.json").write_text('{"schema_version": 3, "session_', "utf-8")
    process = next(iter(catalogue))
    rows = list(csv.DictReader(io.StringIO(to_csv(demo_session(process, seed=99), process))))
    rows[0]["low_hours"] = str(float(rows[0]["high_hours"]) + 1)
    with open(folder / "zz_low_above_high.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_chunks_are_small_enough_to_share_and_few_enough_for_the_pipe():
    assert chunk_size(10_000, 2) == 16
    assert chunk_size(20, 2) == 2  # each process can still take a few chunks
    assert chunk_size(1_000_000, 4) == 977  # 1,024 chunks: their numbers fit in a pipe
    assert chunk_size(16_384, 2) == 16


def test_a_merge_of_many_files_fills_no_pipe_and_loses_no_file(tmp_path, monkeypatch):
    """50,000 files, and pipes as small as Linux makes them for a user with many: the
    chunks' numbers still fit before anyone reads (else the merge would wait forever),
    and every result comes back in order."""
    real_pipe = os.pipe

    def smallest_pipe() -> tuple[int, int]:
        reading, writing = real_pipe()
        fcntl.fcntl(writing, fcntl.F_SETPIPE_SZ, 4096)
        return reading, writing

    def stuck(_signal: int, _frame: object) -> None:
        raise TimeoutError("the merge waits on a full pipe")

    monkeypatch.setattr(parallel.os, "pipe", smallest_pipe)
    before = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(30)  # a merge stuck on a full pipe fails here instead of hanging the suite
    try:
        files = [tmp_path / f"{n}.json" for n in range(50_000)]
        assert read_all(files, lambda path: path.name, jobs=3) == [f.name for f in files]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def test_every_file_is_read_once_and_comes_back_in_file_order(tmp_path, few_files_per_reader):
    """Whoever takes a chunk, the results are the files' own, in their order, each once."""
    files = [tmp_path / f"{n}.txt" for n in range(203)]
    with Readers(files, lambda: _slowly_named, jobs=3) as readers:
        got = readers.results(_slowly_named)
    assert [name for name, _pid in got] == [f.name for f in files]
    assert len({pid for _name, pid in got}) == 3  # the chunks were shared by three processes


def _slowly_named(path: Path) -> tuple[str, int]:
    time.sleep(0.002)  # long enough that every process gets chunks
    return path.name, os.getpid()


def test_two_readers_give_what_one_gives(catalogue, mixed_folder, few_files_per_reader):
    """Tables, screening, skipped files and notices are the same, in the same order."""
    alone = load_exports([mixed_folder], catalogue, jobs=1)
    shared = load_exports([mixed_folder], catalogue, jobs=2)
    assert len(shared.records) == len(alone.records) > 10
    assert [str(p) for p in shared.problems] == [str(p) for p in alone.problems]
    assert any("zz_truncated.json" in str(p) for p in shared.problems)
    assert [str(p) for p in shared.notices] == [str(p) for p in alone.notices]
    assert shared.screening == alone.screening
    assert any(f.rule == "low_above_high" for f in shared.screening)
    for table in ("levels", "workshops", "screening"):
        assert merge_csv(summarise(shared, catalogue), table) == merge_csv(
            summarise(alone, catalogue), table
        )


def test_a_reader_that_fails_has_its_chunk_read_here(tmp_path, few_files_per_reader):
    """A reader that fails sends nothing more: its chunk is read by this process, none lost."""

    def read(path: Path) -> str:
        _fail_in_a_reader(tmp_path, lambda: _raise(MemoryError("a reader ran out of memory")))
        return path.name

    files = [tmp_path / f"{n}.txt" for n in range(40)]
    seen: list[str] = []
    assert read_all(files, read, jobs=3, on_file=lambda p: seen.append(p.name)) == [
        f.name for f in files
    ]
    assert sorted(seen) == sorted(f.name for f in files)
    assert len(list(tmp_path.glob("took-*"))) == 2  # both readers took a chunk, and failed


def _fail_in_a_reader(folder: Path, fail: Callable[[], None], parent: int = os.getpid()) -> None:
    """In a reader: leave a mark that it took a chunk, then fail; here: read slowly, so
    that the readers get chunks to fail on."""
    if os.getpid() == parent:
        time.sleep(0.005)
        return
    (folder / f"took-{os.getpid()}").touch()
    fail()


def _raise(error: BaseException) -> None:
    raise error


def test_where_the_system_allows_no_new_process_the_files_are_read_here(
    tmp_path, few_files_per_reader, monkeypatch
):
    """A limit on processes or open files makes fork() or pipe() fail: the merge reads
    every file itself."""

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", refused)
    files = [tmp_path / f"{n}.txt" for n in range(20)]
    expected = [(f.name, os.getpid()) for f in files]
    assert read_all(files, lambda path: (path.name, os.getpid()), jobs=3) == expected
    monkeypatch.setattr(parallel.os, "pipe", refused)  # nor a file descriptor
    assert read_all(files, lambda path: (path.name, os.getpid()), jobs=3) == expected


def test_no_fork_while_another_thread_runs(tmp_path, few_files_per_reader):
    """A notebook's kernel or a refresh thread runs threads: the files are read here."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pids = read_all([tmp_path / f"{n}" for n in range(10)], lambda _p: os.getpid(), jobs=2)
    finally:
        stop.set()
        thread.join()
    assert set(pids) == {os.getpid()}


def test_merge_command_output_is_the_same_with_any_jobs(mixed_folder, few_files_per_reader, capsys):
    outputs = []
    for jobs in ("1", "2", "3"):
        code = main(["merge", str(mixed_folder), "--format", "csv", "--jobs", jobs])
        outputs.append((code, *capsys.readouterr()))
    assert outputs[0][0] == 1  # the truncated file and the refused CSV
    assert outputs[1] == outputs[0]
    assert outputs[2] == outputs[0]


def test_cost_gives_the_same_with_any_jobs(mixed_folder, few_files_per_reader, capsys):
    """`cost` reads its exports the merge's way: --jobs changes nothing it prints."""
    outputs = []
    for jobs in ("1", "2"):
        code = main(["cost", str(mixed_folder), "--format", "csv", "--jobs", jobs])
        outputs.append((code, *capsys.readouterr()))
    assert outputs[1] == outputs[0]
    assert outputs[0][1].startswith("process_id,group_id,level,n_workshops")


@pytest.mark.parametrize("given", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_of_one_or_more(mixed_folder, given, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["merge", str(mixed_folder), "--jobs", given])
    assert stopped.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_the_command_leaves_at_once_with_all_its_output_and_its_exit_code(mixed_folder, capsys):
    """`python -m workshop_tui merge` skips Python's slow teardown (cli/main.entry): what
    it printed to a pipe is all there, and the exit code says a file was skipped."""
    code = main(["merge", str(mixed_folder), "--format", "csv"])
    printed = capsys.readouterr()
    done = subprocess.run(
        [sys.executable, "-m", "workshop_tui", "merge", str(mixed_folder), "--format", "csv"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (code, printed.out, printed.err)
    assert code == 1 and printed.out.count("\n") > 20


def test_a_reader_killed_by_the_system_has_its_chunk_read_here(tmp_path, few_files_per_reader):
    """The out-of-memory killer's SIGKILL leaves no message: the chunk is read here."""

    def read(path: Path) -> str:
        _fail_in_a_reader(tmp_path, lambda: os.kill(os.getpid(), signal.SIGKILL))
        return path.name

    files = [tmp_path / f"{n}.txt" for n in range(40)]
    assert read_all(files, read, jobs=2) == [f.name for f in files]
    assert len(list(tmp_path.glob("took-*"))) == 1


def test_readers_are_stopped_and_reaped_when_this_process_fails(
    tmp_path, few_files_per_reader, monkeypatch
):
    """An error here (a bad --processes folder, Ctrl+C) leaves no reader running."""
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(parallel.os, "fork", fork)
    parent = os.getpid()

    def read(path: Path) -> str:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        time.sleep(30)  # a reader still at work
        return path.name

    with pytest.raises(KeyboardInterrupt):
        read_all([tmp_path / f"{n}.txt" for n in range(10)], read, jobs=3)
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):  # reaped already: not a zombie, not running
            os.waitpid(pid, os.WNOHANG)


def test_a_reader_imports_neither_numpy_nor_rich_nor_pandas():
    """The merge forks its readers first and each imports what reading takes: without
    numpy, rich and pandas a reader starts on its files sooner (cli/merge.py)."""
    code = (
        "import sys\n"
        "from workshop_tui.cli.merge import exports_reader\n"
        "exports_reader([], 'en')\n"
        "print(sorted({'numpy', 'rich', 'pandas', 'openpyxl'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"

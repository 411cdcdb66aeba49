"""`serve` listens for file-system events instead of polling (preview.watch_with_events): a save starts a
build, reading a file does not (inotify reports opens and closes too), and MkDocs' later watches and
unwatches keep working on the new observer."""
from __future__ import annotations

import sys
import time

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from course_builder import preview


def wanted(server, seconds: float = 2.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        with server._rebuild_cond:
            if server._want_rebuild:
                server._want_rebuild = False
                return True
        time.sleep(0.02)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify: the events this machine has")
def test_events_not_polling(tmp_path):
    sources, docs, later = tmp_path / "course", tmp_path / "docs", tmp_path / "quizzes"
    for folder in (sources, docs, later):
        folder.mkdir()
    page = sources / "es.md"
    page.write_text("uno")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(sources))
    server.watch(str(docs))
    assert isinstance(server.observer, PollingObserver)  # MkDocs 1.6 polls
    assert preview.watch_with_events(server)
    assert not isinstance(server.observer, PollingObserver)
    server.unwatch(str(docs))  # as the plugin does: docs/ is written by the build itself
    server.watch(str(later))   # as MkDocs does after on_serve
    server.observer.start()
    try:
        page.read_text()
        assert not wanted(server, 0.5)  # a build reading its sources does not start another
        page.write_text("dos")
        assert wanted(server)
        (docs / "index.md").write_text("generated")
        assert not wanted(server, 0.5)
        (later / "q.yml").write_text("title: x")
        assert wanted(server)
    finally:
        server.observer.stop()
        server.observer.join()

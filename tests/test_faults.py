"""Build faults: a full disk and a read-only output folder leave the previous site as it was;
two builds of the same sources are byte-identical."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from course_builder.cli import main
from tests.test_build import leftovers, snapshot

pytestmark = pytest.mark.slow  # every test builds the example course


@pytest.fixture
def small_fs(tmp_path):
    """A 2 MiB tmpfs (needs root, as on CI); the site lives there."""
    mount = tmp_path / "fs"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        if os.environ.get("CI"):
            pytest.fail("cannot mount a tmpfs: run the fault tests as root")
        pytest.skip("mounting a tmpfs needs root")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def old_site(folder: Path) -> Path:
    site = folder / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>previous build</p>")
    return site


def test_disk_full_leaves_previous_site(project, small_fs, capsys):
    site = old_site(small_fs)
    before = snapshot(site)
    (small_fs / "ballast").write_bytes(b"\0" * (1900 * 1024))  # leave ~100 KB free: a site needs much more
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 1
    assert snapshot(site) == before
    assert sorted(p.name for p in small_fs.iterdir()) == ["ballast", "site"]
    assert "site/ is unchanged" in capsys.readouterr().err


def test_read_only_output_folder_leaves_previous_site(project, small_fs, capsys):
    site = old_site(small_fs)
    before = snapshot(site)
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    assert main(["--project", str(project), "build", "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "Cannot write the site next to" in err and "Read-only file system" in err and "Traceback" not in err
    assert snapshot(site) == before and leftovers(small_fs) == []


def test_two_builds_are_byte_identical(project, tmp_path):
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "a")]) == 0
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "b")]) == 0
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert sorted(a) == sorted(b)
    differing = sorted(name for name in a if a[name] != b[name])
    # Exceptions: the sitemaps carry the build date (<lastmod>), so two builds on different days differ
    # there, and only there.
    assert set(differing) <= {"sitemap.xml", "sitemap.xml.gz"}

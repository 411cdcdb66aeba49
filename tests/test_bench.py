"""bench/: the pure helpers (tables, the stock configuration, /proc sampling) and one stock build (~2 s),
so the benchmark cannot rot unnoticed between the times someone runs it."""
from __future__ import annotations

import os
import subprocess
import sys

import yaml

from tests.conftest import REPO, make_project

sys.path.insert(0, str(REPO / "bench"))
import common  # noqa: E402
import page_weight  # noqa: E402
import run  # noqa: E402

OURS = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=common._IgnoreEnvTag)


def test_table_is_markdown_with_two_decimals_and_escaped_pipes():
    assert common.table(["a", "b"], [[1.234, "x|y"], [2, 0.5]]).splitlines() == [
        "| a | b |", "|---|---|", "| 1.23 | x\\|y |", "| 2 | 0.50 |"]


def test_ratio_is_ours_over_stock():
    assert (common.ratio(3.0, 2.0), common.ratio(1.0, 0)) == ("1.50×", "–")


def test_stock_config_is_the_stock_stack_on_our_docs(tmp_path):
    config = common.stock_config(OURS, tmp_path / "docs", tmp_path / "site")
    assert not {"hooks", "extra_css", "watch"} & set(config) and "custom_dir" not in config["theme"]
    assert config["plugins"][0] == "search"
    i18n = config["plugins"][1]["i18n"]
    assert i18n["reconfigure_search"] is True and [x["locale"] for x in i18n["languages"]] == ["es", "en"]
    assert config["docs_dir"] == str(tmp_path / "docs") and config["strict"] is False
    assert config["markdown_extensions"] == OURS["markdown_extensions"]
    assert config["theme"]["name"] == "material" and config["theme"]["palette"] == OURS["theme"]["palette"]
    assert config["site_url"].startswith("https://")  # mkdocs.yml's !ENV default


def test_write_stock_copies_docs_without_our_marker(tmp_path):
    project = tmp_path / "p"
    (project / "docs" / "es").mkdir(parents=True)
    (project / "docs" / "es" / "index.md").write_text("# Hola\n")
    (project / "docs" / ".generated").write_text("{}")
    (project / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    written = common.write_stock(project, tmp_path / "stock")
    assert (tmp_path / "stock" / "docs" / "es" / "index.md").read_text() == "# Hola\n"
    assert not (tmp_path / "stock" / "docs" / ".generated").exists()
    assert yaml.safe_load(written.read_text())["docs_dir"] == str(tmp_path / "stock" / "docs")


def test_process_tree_sampling_sees_this_process():
    assert common.tree_rss(os.getpid()) > 10 * 2**20
    before = common.tree_cpu(os.getpid())
    sum(i * i for i in range(3_000_000))
    assert common.tree_cpu(os.getpid()) > before


def test_pages_are_told_apart_by_language():
    lang = page_weight._page_lang
    assert [lang(p, "es") for p in ("/c/", "/c/en/", "/c/en/01-a/", "/c/01-a/?x", "/c/assets/a.js", "/c/sw.js")] == \
        ["es", "en", "en", "es", None, None]


def test_results_sections_show_ours_stock_and_the_ratio():
    build = {k: {"s": s, "mib": m} for k, s, m in (("warm", 1.0, 80), ("cold", 1.5, 90), ("first", 2.0, 95),
                                                     ("stock", 1.25, 60))}
    assert run.build_section({"x": build}).splitlines()[2] == \
        "| x | 1.00 | 1.50 | 2.00 | 1.25 | 0.80× | 1.20× | 1.60× | 90 | 60 | 1.50× |"
    preview = {f"{who} {lang}": {"page": 1.0 if who == "ours" else 2.0, "idle": 3.0, "cpu": 0.2 if who == "ours" else 4}
               for who in ("ours", "stock") for lang in ("es", "en")}
    assert run.preview_section({"x": preview}).splitlines()[2] == \
        "| x | es | 1.00 | 2.00 | 0.50× | 3.00 | 3.00 | 1.00× | 0.20 | 4.00 |"
    visit = {"bytes": 2048, "load": 1024, "requests": 3, "other": 0}
    assert run.weight_section({"es": (visit, dict(visit, bytes=4096))}).splitlines()[2] == \
        "| es | 2.0 | 1.0 | 4.0 | 1.0 | 0.50× | 3 | 3 | 0 |"
    thread = {("module", "es"): {"ours": 12.4, "blocking": 150.6}}
    assert run.main_thread_section(thread, {("module", "es"): {"ours": 0, "blocking": 200.2}}).splitlines()[2] == \
        "| module | es | 12 | 151 | 200 |"


def test_the_stock_config_builds_our_generated_docs_with_material_search(tmp_path):
    project = make_project(tmp_path)
    subprocess.run([sys.executable, str(REPO / "build_course.py"), "--project", str(project), "-q", "build"],
                   check=True, env=common.ENV)
    stock_yml = common.write_stock(project, tmp_path / "stock")
    subprocess.run([*common.MKDOCS, "build", "-q", "-f", str(stock_yml)], check=True, env=common.ENV)
    site = tmp_path / "stock" / "site"
    assert (site / "search" / "search_index.json").is_file() and (site / "en" / "index.html").is_file()
    assert not (site / "assets" / "course").exists() and not (site / "sw.js").exists()

"""The calculator page index (``site_build/page_index.py``): what the runtime is told each page's forms hold."""

from __future__ import annotations

import json
from pathlib import Path

from calculators.registry import calculators
from calculators.render import render_widget
from calculators.validation import default_texts
from site_build.page_index import INDEX_PATH, build_index, calculators_in, page_path, write_index

FORM = """
<p>Intro <input name="outside" value="not a calculator's"></p>
<div class="tmg-calc" data-calculator="first"><form>
  <input type="text" name="views" value="1,200">
  <input type="checkbox" name="agency" value="true" checked>
  <input type="checkbox" name="usage" value="true">
  <select name="mode"><option value="a">A</option><option value="b" selected>B</option></select>
  <select name="plain"><option value="x">X</option><option value="y">Y</option></select>
  <input type="text" name="empty">
  <button type="button" data-retry>Try again</button>
</form></div>
<div data-calculator="second"><form><input name="n" value="&lt;5&amp;"></form></div>
"""


def test_each_calculator_lists_its_named_controls_as_the_form_will_hold_them() -> None:
    assert calculators_in(FORM) == [
        {
            "name": "first",
            "fields": [
                ["views", "1,200", "text"],
                ["agency", "true", "checkbox"],
                ["usage", "false", "checkbox"],
                ["mode", "b", "select", ["a", "b"]],
                ["plain", "x", "select", ["x", "y"]],  # nothing selected: the browser shows the first
                ["empty", "", "text"],
            ],
        },
        {"name": "second", "fields": [["n", "<5&", "text"]]},  # entities decoded, as the DOM value is
    ]


def test_a_page_without_calculators_has_none() -> None:
    assert calculators_in("<p>Likes do not pay directly.</p><input name='q'>") == []


def test_page_paths_are_the_addresses_links_use(tmp_path: Path) -> None:
    assert page_path(tmp_path, tmp_path / "index.html") == ""
    assert page_path(tmp_path, tmp_path / "likes" / "index.html") == "likes/"
    assert page_path(tmp_path, tmp_path / "404.html") == "404.html"


def test_the_renderers_forms_are_read_back_exactly(tmp_path: Path) -> None:
    """Every calculator's own markup: the index holds its defaults as the form shows them."""
    page = tmp_path / "all" / "index.html"
    page.parent.mkdir()
    known = calculators()
    page.write_text("".join(render_widget(calc) for calc in known.values()), "utf-8")
    (tmp_path / "plain.html").write_text("<p>no calculator</p>", "utf-8")
    index = build_index(tmp_path)
    assert list(index) == ["all/"]
    for entry in index["all/"]:
        calc = known[entry["name"]]
        # In the form's order (primary fields first), every declared field once.
        assert sorted(f[0] for f in entry["fields"]) == sorted(f.name for f in calc.fields)
        assert {f[0]: f[1] for f in entry["fields"]} == default_texts(calc)


def test_the_file_is_rewritten_only_when_its_content_changes(tmp_path: Path) -> None:
    (tmp_path / "calc").mkdir()
    (tmp_path / "calc" / "index.html").write_text(FORM, "utf-8")
    target = write_index(tmp_path)
    assert target == tmp_path / INDEX_PATH
    assert json.loads(target.read_text("utf-8"))["calc/"][1]["name"] == "second"
    stamp = target.stat().st_mtime_ns
    write_index(tmp_path)
    assert target.stat().st_mtime_ns == stamp
    (tmp_path / "calc" / "index.html").write_text(FORM.replace("1,200", "1,300"), "utf-8")
    write_index(tmp_path)
    assert "1,300" in target.read_text("utf-8")

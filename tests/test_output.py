"""Output for people and for pipes: the piped forms, --format, the pager, ids never cut.

In-process with an explicit output environment (``support.invoke_as``): the same
code runs "as a terminal" and "as a pipe". A few smoke tests use a real pipe or
pseudo-terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support import (
    BUNDLED_VIEWS,
    SEVEN_ROLES,
    catalog_data,
    invoke,
    invoke_as,
    jobcli_command,
    spawn_on_terminal,
    write_json,
)

from jobcli.domain import Catalog, Role, RoleSkill, Skill, role_line
from jobcli.output import Environment, Format
from jobcli.views import build, plain
from jobcli.views.build import show_document, show_view
from jobcli.views.model import Glyphs

TABLE_VIEWS = {
    "list": ["list"],
    "skills": ["skills"],
    "match": ["match", "programming", "critical thinking", "statistics", "--all"],
    "search": ["search", "data", "--all"],
}
DETAIL_VIEWS = {name: BUNDLED_VIEWS[name] for name in ("show", "compare", "gap")}
DRAWING = set("─━│┃╭╮╰╯┏┓┗┛█░")
ALL_VIEWS = {
    **BUNDLED_VIEWS,
    "skills-matrix": ["skills", "--matrix"],
    "search": ["search", "data", "privacy"],
    "skill": ["skill", "programming"],
}


def lines_of(text: str) -> list[str]:
    return text.splitlines()


# piped: line-oriented text --------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TABLE_VIEWS))
def test_a_piped_table_is_one_tab_separated_record_a_line(name: str) -> None:
    r = invoke_as(*TABLE_VIEWS[name], tty=False)
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in lines_of(r.stdout)]
    assert len(rows) == len(json.loads(invoke(*TABLE_VIEWS[name], "--json").stdout)) >= 3
    assert len({len(row) for row in rows}) == 1, "every record has the same fields"
    assert rows[0][0] not in ("id", "rank"), "no header line when piped"
    for line in lines_of(r.stdout):
        assert line == line.rstrip(), "no trailing spaces"
        assert not DRAWING & set(line)


def test_piped_list_starts_each_record_with_the_id() -> None:
    r = invoke("list")  # CliRunner's stdout is not a terminal
    assert [line.split("\t")[0] for line in lines_of(r.stdout)] == SEVEN_ROLES
    first = lines_of(r.stdout)[0].split("\t")
    assert first[1] == "Data Scientist"
    assert "Critical Thinking" in first[3]


def test_piped_match_shows_every_role_id() -> None:
    r = invoke(*TABLE_VIEWS["match"])
    ids = [line.split("\t")[1] for line in lines_of(r.stdout)]
    assert sorted(ids) == sorted(SEVEN_ROLES)


@pytest.mark.parametrize("name", sorted(DETAIL_VIEWS))
def test_a_piped_detail_view_is_plain_text(name: str) -> None:
    r = invoke(*DETAIL_VIEWS[name])
    assert r.exit_code == 0, r.output
    assert not DRAWING & set(r.stdout), "no box drawing, no bars"
    for line in lines_of(r.stdout):
        assert line == line.rstrip()
        assert not line.startswith(" "), "nothing padded"


def test_piped_show_keeps_each_sentence_on_one_line() -> None:
    summary = json.loads(invoke("show", "data-scientist", "--json").stdout)["summary"]
    r = invoke("show", "data-scientist")
    assert summary in lines_of(r.stdout)
    # A bar becomes its number: importance is the last field of each skill line.
    assert "statistics\tStatistics\t5" in r.stdout


def test_piped_validate_lists_one_problem_a_line_with_the_file(tmp_path: Path) -> None:
    data = catalog_data()
    data["skills"][0]["kind"] = "soft"
    data["roles"][2]["skills"][0]["importance"] = 9
    path = write_json(tmp_path / "bad.json", data)
    r = invoke("validate", str(path))
    assert r.exit_code == 3
    assert lines_of(r.stdout) == [
        f"{path}\tskills[0].kind\tkind 'soft' is not one of human, technical, knowledge",
        f"{path}\troles[2].skills[0].importance\timportance 9 must be at most 5",
    ]


def test_validate_lists_problems_in_file_order(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][2]["skills"][0]["importance"] = 9  # last in the file
    data["roles"][0]["title"] = ""  # first
    data["roles"][1]["related"] = ["ghost"]  # between
    path = write_json(tmp_path / "bad.json", data)
    problems = json.loads(invoke("validate", str(path), "--json").stdout)["problems"]
    assert [p["location"] for p in problems] == [
        "roles[0].title",
        "roles[1].related[0]",
        "roles[2].skills[0].importance",
    ]


# --format ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_tsv_is_a_header_then_records(name: str) -> None:
    r = invoke(*ALL_VIEWS[name], "--format", "tsv")
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in lines_of(r.stdout)]
    assert len({len(row) for row in rows}) == 1
    assert rows[0] == [c.strip() for c in rows[0]]
    assert rows[0][0]


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_csv_parses_with_the_csv_module(name: str) -> None:
    r = invoke(*ALL_VIEWS[name], "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert len({len(row) for row in rows}) == 1
    tsv = invoke(*ALL_VIEWS[name], "--format", "tsv").stdout
    assert rows == [line.split("\t") for line in lines_of(tsv)]


def test_csv_quotes_a_field_with_a_comma() -> None:
    r = invoke("list", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["id", "title", "summary", "top skills"]
    assert rows[1][3] == "Critical Thinking, Domain Knowledge, Statistics"


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_markdown_has_a_pipe_table(name: str) -> None:
    r = invoke(*ALL_VIEWS[name], "--format", "markdown")
    assert r.exit_code == 0, r.output
    blocks: list[list[str]] = [[]]
    for line in lines_of(r.stdout):
        if line.startswith("|"):
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    tables = [block for block in blocks if block]
    assert tables, r.stdout
    for table in tables:
        assert set(table[1].replace("|", "").split()) == {"---"}
        assert len({line.count(" | ") for line in table}) == 1, table


def test_markdown_escapes_a_pipe_in_the_data(tmp_path: Path) -> None:
    data = catalog_data()
    data["roles"][0]["title"] = "Analyst | Reporter"
    path = write_json(tmp_path / "pipe.json", data)
    r = invoke("--data", str(path), "list", "--format", "markdown")
    assert "Analyst \\| Reporter" in r.stdout


FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        *((f, "'" + f) for f in FORMULAS),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-0.5", "-0.5"),
        ("+12%", "+12%"),
        ("-1,234.5", "-1,234.5"),
        ("-1e-3", "-1e-3"),
        ("-", "-"),
        ("Data Scientist", "Data Scientist"),
        ("a=b", "a=b"),
    ],
)
def test_a_spreadsheet_cell_never_starts_a_formula(cell: str, written: str) -> None:
    assert plain.spreadsheet_cell(cell) == written


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_write_formulas_from_the_catalog_as_text(tmp_path: Path, fmt: str) -> None:
    data = catalog_data()
    for role, formula in zip(data["roles"], FORMULAS, strict=False):
        role["title"] = formula
    data["roles"][1]["summary"] = "-0.5"
    path = write_json(tmp_path / "formulas.json", data)
    for args in (["list"], ["show", "analyst"], ["skills"]):
        r = invoke("--data", str(path), *args, "--format", fmt)
        assert r.exit_code == 0, r.output
        if fmt == "csv":
            cells = [c for row in csv.reader(io.StringIO(r.stdout)) for c in row]
        else:
            cells = [c for line in r.stdout.splitlines() for c in line.split("\t")]
        assert not [c for c in cells if c[:1] in ("=", "+", "@") or c.startswith("-2")], cells
    listed = invoke("--data", str(path), "list", "--format", fmt).stdout
    assert "'=HYPERLINK(" in listed
    assert "-0.5" in listed
    assert "'-0.5" not in listed
    # Piped with no --format: the data as it is, for grep, cut and awk.
    assert "\t=HYPERLINK(" in invoke("--data", str(path), "list").stdout


MARKDOWN_ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://t/p.png)",
    "`code` *bold* _it_ ~~gone~~ a&amp;b",
]


def test_markdown_escapes_what_a_renderer_would_read_as_html_or_markup(
    tmp_path: Path,
) -> None:
    data = catalog_data()
    for role, attack in zip(data["roles"], MARKDOWN_ATTACKS, strict=False):
        role["title"] = attack
    data["roles"][0]["responsibilities"] = ["# not a heading", "1. not a list", *MARKDOWN_ATTACKS]
    path = write_json(tmp_path / "md.json", data)
    for args in (["list"], ["show", "analyst"], ["skills"], ["compare", "analyst", "developer"]):
        r = invoke("--data", str(path), *args, "--format", "markdown")
        assert r.exit_code == 0, r.output
        text = r.stdout
        assert "<" not in text, text
        assert ">" not in text, text
        assert "&amp;amp;" in text or "a&amp;b" not in text
        # Every [, ], (, ), `, *, _ and ~ of the data is backslash-escaped.
        assert not re.search(r"(?<!\\)[\[\]()`*_~]", text), text
    shown = invoke("--data", str(path), "show", "analyst", "--format", "markdown").stdout
    assert "- \\# not a heading" in shown
    assert "- 1\\. not a list" in shown
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in shown


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_json_format_is_the_json_flag(name: str) -> None:
    by_format = invoke(*ALL_VIEWS[name], "--format", "json")
    by_flag = invoke(*ALL_VIEWS[name], "--json")
    assert by_format.exit_code == by_flag.exit_code == 0
    assert json.loads(by_format.stdout) == json.loads(by_flag.stdout)


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_svg_is_a_picture_of_the_terminal_view(name: str) -> None:
    r = invoke(*ALL_VIEWS[name], "--format", "svg")
    assert r.exit_code == 0, r.output
    assert r.stdout.lstrip().startswith("<svg")
    assert r.stdout.rstrip().endswith("</svg>")


@pytest.mark.parametrize("name", sorted(ALL_VIEWS))
def test_table_format_draws_in_a_pipe_too(name: str) -> None:
    drawn = invoke(*ALL_VIEWS[name], "--format", "table", env={"COLUMNS": "100"}).stdout
    on_terminal = invoke_as(*ALL_VIEWS[name], width=100).stdout
    assert drawn == on_terminal
    assert drawn != invoke(*ALL_VIEWS[name]).stdout


def test_every_format_choice_has_a_renderer() -> None:
    from jobcli.output import FORMAT_CHOICES

    assert set(FORMAT_CHOICES) | {"text"} == {f.value for f in Format}


def test_format_and_data_also_come_after_the_command(tmp_path: Path) -> None:
    path = write_json(tmp_path / "mine.json", catalog_data())
    r = invoke("show", "analyst", "--data", str(path), "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["id"] == "analyst"


def test_schema_has_no_output_option_that_does_nothing() -> None:
    help_text = invoke("schema", "--help").stdout
    assert "--json" not in help_text
    assert "--format" not in help_text
    # A script that passes --json everywhere still gets the schema; another format is refused.
    plain = invoke("schema").stdout
    assert invoke("schema", "--json").stdout == plain
    assert invoke("schema", "--format", "json").stdout == plain
    assert invoke("schema", "--format", "csv").exit_code == 2


# on a terminal: widths, ids, dropped columns ------------------------------------------------------

WIDTHS = [20, 24, 30, 36, 40, 48, 60, 72, 80, 100, 120, 160, 200, 300]


def role_ids(catalog_args: list[str]) -> list[str]:
    return [r["id"] for r in json.loads(invoke(*catalog_args, "list", "--json").stdout)]


def id_column(out: str) -> str:
    """The text of a drawn table's Id column, its lines joined: a folded id reads whole."""
    lines = lines_of(out)
    at = next(i for i, line in enumerate(lines) if re.search(r"(?<!\w)Id(?!\w)", line))
    header = lines[at]
    start = re.search(r"(?<!\w)Id(?!\w)", header).start()  # type: ignore[union-attr]
    after = re.search(r"\S", header[start + 2 :])
    end = start + 2 + after.start() if after else max(len(line) for line in lines)
    return "".join(line[start:end].strip() for line in lines[at + 2 :])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(TABLE_VIEWS))
def test_ids_are_never_cut(name: str, width: int) -> None:
    r = invoke_as(*TABLE_VIEWS[name], width=width)
    assert r.exit_code == 0, r.output
    out = r.stdout
    listed = json.loads(invoke(*TABLE_VIEWS[name], "--json").stdout)
    ids = [entry.get("role", entry.get("id")) for entry in listed]
    assert ids
    column = id_column(out)
    for an_id in ids:
        assert an_id in column, f"{an_id} missing at {width} columns"
        # Whole on one line where it fits in two fifths of the screen (longer ones fold).
        if len(an_id) <= min(max(24, width * 2 // 5), width - 4):
            assert re.search(rf"(?<![\w-]){re.escape(an_id)}(?![\w-])", out), (an_id, width)
    if name != "search":  # a search snippet's "…" is the snippet's own
        assert "…" not in out
    assert all(len(line) <= width for line in lines_of(out))
    blank = sum(1 for line in lines_of(out) if not line.strip())
    assert blank <= 4, f"{blank} blank lines at {width} columns"


DRAWN_DETAILS = {
    "show": (["show", "data-scientist"], ["data-scientist"]),
    "compare": (["compare", "data-scientist", "ux-designer"], ["data-scientist", "ux-designer"]),
    "gap": (["gap", "software-engineer", "data-scientist"], []),
    "matrix": (["skills", "--matrix"], SEVEN_ROLES[:1]),
    "skill": (["skill", "critical-thinking"], SEVEN_ROLES),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(DRAWN_DETAILS))
def test_detail_views_cut_nothing_at_any_width(name: str, width: int) -> None:
    args, ids = DRAWN_DETAILS[name]
    out = invoke_as(*args, width=width).stdout
    assert "…" not in out, f"something cut at {width} columns"
    assert all(len(line) <= width for line in lines_of(out))
    squeezed = re.sub(r"\s", "", out)
    for an_id in ids:
        assert an_id in squeezed


@pytest.mark.parametrize("name", sorted(TABLE_VIEWS))
def test_a_dropped_column_is_said_once(name: str) -> None:
    narrow = " ".join(invoke_as(*TABLE_VIEWS[name], width=40).stdout.split())
    assert narrow.count("left out at this width") == 1
    wide = invoke_as(*TABLE_VIEWS[name], width=200).stdout
    assert "left out" not in wide


def test_match_on_a_terminal_shows_ids() -> None:
    out = invoke_as(*TABLE_VIEWS["match"], width=120).stdout
    for role_id in SEVEN_ROLES:
        assert role_id in out


def test_the_matrix_key_never_breaks_a_title(tmp_path: Path) -> None:
    titles = [r["title"] for r in json.loads(invoke("list", "--json").stdout)]
    for width in (60, 88, 100):
        out = invoke_as("skills", "--matrix", width=width).stdout
        key = [line for line in lines_of(out) if re.match(r"\s*\d+ \S", line)]
        assert key
        for line in key:
            number = int(line.split()[0])
            assert titles[number - 1] in line, (width, line)


# the pager ------------------------------------------------------------------------------------


@pytest.fixture
def pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def fake_page(text: str, command: str, env: Environment) -> bool:
        shown.append(text)
        return True

    monkeypatch.setattr("jobcli.pager.page", fake_page)
    return shown


def test_output_taller_than_the_terminal_is_paged(pages: list[str]) -> None:
    r = invoke_as("show", "data-scientist", height=20, pager="less -FRX")
    assert r.exit_code == 0
    assert len(pages) == 1
    assert r.stdout == ""


def test_output_that_fits_is_not_paged(pages: list[str]) -> None:
    r = invoke_as("gap", "software-engineer", "data-scientist", height=200, pager="less")
    assert pages == []
    assert "you bring" in r.stdout


@pytest.mark.parametrize(
    "how", [{"tty": False}, {"pager": None}], ids=["piped", "no pager configured"]
)
def test_no_pager_in_a_pipe_or_when_none_is_set(pages: list[str], how: dict[str, Any]) -> None:
    options = {"height": 5, "pager": "less", **how}
    invoke_as("show", "data-scientist", **options)
    assert pages == []


@pytest.mark.parametrize("where", ["before", "after"])
def test_no_pager_option(pages: list[str], where: str) -> None:
    args = ["show", "data-scientist"]
    args = ["--no-pager", *args] if where == "before" else [*args, "--no-pager"]
    r = invoke_as(*args, height=5, pager="less")
    assert pages == []
    assert "Data Scientist" in r.stdout


def test_pager_command_comes_from_jobcli_pager_then_pager() -> None:
    from jobcli.pager import DEFAULT_PAGER, pager_command

    assert pager_command({"JOBCLI_PAGER": "most", "PAGER": "more"}) == "most"
    assert pager_command({"PAGER": "more"}) == "more"
    assert pager_command({}) == DEFAULT_PAGER == "less -FRX"
    assert pager_command({"PAGER": ""}) is None
    assert pager_command({"JOBCLI_PAGER": "cat", "PAGER": "more"}) is None


def run_on_pty(args: list[str], env: dict[str, str], rows: int = 12) -> tuple[int, str]:
    ran = spawn_on_terminal(args, env=env, rows=rows, raw=False)
    return ran.code, ran.stdout.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_real_terminal_pages_and_a_real_pipe_does_not(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PAGER")}
    env["JOBCLI_PAGER"] = "sed s/^/PAGED:/"
    code, out = run_on_pty(["show", "data-scientist"], env)
    assert code == 0, out
    lines = [line for line in out.replace("\r", "").split("\n") if line.strip()]
    assert lines, out
    assert all(line.startswith("PAGED:") for line in lines), out[:500]
    code, short = run_on_pty(["--version"], env)
    assert "PAGED:" not in short
    piped = subprocess.run(
        [*jobcli_command(), "show", "data-scientist"], capture_output=True, text=True, env=env
    )
    assert piped.returncode == 0
    assert "PAGED:" not in piped.stdout
    code, out = run_on_pty(["show", "data-scientist", "--no-pager"], env)
    assert "PAGED:" not in out


# views of roles without skills, related roles, the credit --------------------------------------


def bare_catalog() -> Catalog:
    skill = Skill("empathy", "Empathy", "human")
    roles = (
        Role("rated", "Rated Role", "Has skills.", (RoleSkill("empathy", 4),), related=("bare",)),
        Role("bare", "Bare Occupation", "Has no ratings.", (), onet_soc_code="11-1011.00"),
    )
    return Catalog(1, "Test.", (skill,), roles)


def test_a_role_without_skills_says_so_in_every_form() -> None:
    from jobcli.output import draw

    catalog = bare_catalog()
    role = catalog.role_by_id["bare"]
    text = plain.render(show_document(catalog, role, []), "text")
    assert "O*NET has no skill ratings for this occupation." in text
    drawn = draw(show_view(catalog, role, []).drawing(Glyphs()), Environment(None, None, width=80))
    assert "O*NET has no skill ratings for this occupation." in drawn


def test_computed_similar_roles_leave_out_the_related_ones() -> None:
    # On O*NET: the seven roles of the default catalog have no viable move left unrelated.
    out = invoke("-c", "onet", "show", "registered-nurses").stdout
    related = out.split("Related roles\n", 1)[1].split("\n\n", 1)[0]
    similar = out.split(build.SIMILAR_HEADING + "\n", 1)[1]
    similar = similar.split("\n\n", 1)[0]
    related_ids = {line.rsplit("(", 1)[1].rstrip(")") for line in lines_of(related)}
    similar_ids = {line.split("\t")[0] for line in lines_of(similar)}
    assert related_ids
    assert similar_ids
    assert not related_ids & similar_ids


def test_the_credit_under_show_is_one_line_with_licence_and_where_the_full_credit_is() -> None:
    out = invoke_as("show", "data-scientist", width=300).stdout
    credit = [line for line in lines_of(out) if line.startswith("Source:")]
    assert len(credit) == 1
    assert "CC BY 4.0" in credit[0]
    assert "jobcli validate" in credit[0]
    full = invoke_as("validate", width=300).stdout
    assert "Used under the CC BY 4.0 license" in full


def test_an_imported_catalogs_credit_keeps_the_modified_notice() -> None:
    from jobcli.views.build import credit_line

    source = (
        "Occupations imported by jobcli from the O*NET 29.2 Database. This includes "
        "information from the O*NET 29.2 Database by the U.S. Department of Labor, Employment "
        "and Training Administration (USDOL/ETA). Used under the CC BY 4.0 license. O*NET® is "
        "a trademark of USDOL/ETA. jobcli has modified all or some of this information. "
        "USDOL/ETA has not approved, endorsed, or tested these modifications."
    )
    line = credit_line(source)
    assert "\n" not in line
    assert "O*NET 29.2" in line
    assert "CC BY 4.0" in line
    assert "modified" in line


def test_exposure_measures_are_explained_once() -> None:
    out = invoke_as("show", "data-scientist", width=120).stdout
    assert out.count("β adds half") == 1
    assert out.count("α is the share") == 1


# help and errors in jobcli's words ----------------------------------------------------------------

LIBRARY_WORDING = re.compile(
    r"<\w|\{[A-Z]|\[\[|list\[|Value error|Input should be|x>=|<=x|int range|float range"
)


def every_command_path() -> list[list[str]]:
    import typer

    from jobcli.cli import app

    paths: list[list[str]] = [[]]
    stack: list[tuple[list[str], Any]] = [([], typer.main.get_command(app))]
    while stack:
        path, command = stack.pop()
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*path, name])
            stack.append(([*path, name], sub))
    return paths


@pytest.mark.parametrize("path", every_command_path(), ids=lambda p: " ".join(p) or "jobcli")
def test_help_is_in_jobclis_words(path: list[str]) -> None:
    r = invoke(*path, "--help")
    assert r.exit_code == 0, r.output
    assert not LIBRARY_WORDING.search(r.stdout), LIBRARY_WORDING.search(r.stdout)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["list", "--sort", "foo"],
            "--sort must be one of: catalog, title, id, exposure, pay, growth, zone",
        ),
        (["match", "-n", "0", "programming"], "-n must be at least 1"),
        (["match", "-n", "x", "programming"], "-n must be a whole number"),
        (["skills", "--kind", "soft"], "--kind must be one of: human, technical, knowledge"),
        (["list", "--format", "yaml"], "--format must be one of: table, tsv, csv"),
        (["show"], "Missing argument 'ROLE'"),
        (["list", "--nope"], "No such option: --nope"),
        (["import", "onet", "x", "-o", "y", "--min-importance", "9"], "must be at most 5"),
    ],
)
def test_usage_errors_are_in_jobclis_words(args: list[str], expected: str) -> None:
    r = invoke(*args)
    assert r.exit_code == 2
    assert expected in r.stderr
    assert not LIBRARY_WORDING.search(r.stderr), r.stderr


def test_dash_v_prints_the_version() -> None:
    from jobcli import __version__

    assert invoke("-V").stdout == f"jobcli {__version__}\n"


# unreadable catalogs, completion, stdin ----------------------------------------------------------


def test_jobclis_reader_decides_about_a_catalog_typer_thinks_unreadable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "mine.json", catalog_data())
    monkeypatch.setattr(os, "access", lambda *a, **k: False)  # what Typer's check asks
    assert invoke("--data", str(path), "list").exit_code == 0
    assert invoke("list", "--data", str(path)).exit_code == 0
    r = invoke("validate", str(path), "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["valid"] is True


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_catalog_exits_3(tmp_path: Path) -> None:
    path = write_json(tmp_path / "locked.json", catalog_data())
    path.chmod(0)
    try:
        assert invoke("--data", str(path), "list").exit_code == 3
        r = invoke("validate", "--json", str(path))
        assert r.exit_code == 3
        assert json.loads(r.stdout)["valid"] is False
    finally:
        path.chmod(0o600)


def complete(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBCLI_")}
    env.update(env_extra)
    return subprocess.run(jobcli_command(), capture_output=True, text=True, env=env, timeout=20)


@pytest.mark.parametrize("cword", ["abc", "-3", ""])
def test_completion_with_a_bad_word_index_offers_nothing(cword: str) -> None:
    r = complete(
        {"_JOBCLI_COMPLETE": "complete_bash", "COMP_WORDS": "jobcli show da", "COMP_CWORD": cword}
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr == ""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_completion_with_a_catalog_that_is_not_a_file_offers_nothing_at_once(
    tmp_path: Path, kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "cat.fifo"
        os.mkfifo(target)
    elif kind == "directory":
        target = tmp_path
    else:
        target = Path("/dev/zero")
    r = complete(
        {
            "_JOBCLI_COMPLETE": "complete_bash",
            "COMP_WORDS": f"jobcli --data {target} show da",
            "COMP_CWORD": "4",
        }
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ""


def test_match_stdin_larger_than_the_limit_is_a_usage_error() -> None:
    from jobcli.cli.stdin import MAX_STDIN_BYTES

    r = invoke("match", "-", input="programming\n" * (MAX_STDIN_BYTES // 12 + 10))
    assert r.exit_code == 2
    assert "larger than 1 MiB" in r.stderr
    assert len(r.stderr) < 500


def test_match_with_too_many_names_is_a_usage_error() -> None:
    from jobcli.cli.stdin import MAX_NAMES

    r = invoke("match", "-", input="x\n" * (MAX_NAMES + 1))
    assert r.exit_code == 2
    assert "too many skill names" in r.stderr


def test_a_huge_skill_name_is_not_echoed_whole() -> None:
    r = invoke("match", "-", input="y" * 500_000)
    assert r.exit_code == 1
    assert len(r.stderr) < 300
    assert "500000 characters" in r.stderr


def test_the_json_of_every_view_is_unchanged_by_the_environment() -> None:
    for args in BUNDLED_VIEWS.values():
        piped = invoke(*args, "--json").stdout
        drawn = invoke_as(*args, "--json", width=40).stdout
        assert json.loads(piped) == json.loads(drawn)


def test_match_json_gives_each_role_a_score_in_0_1() -> None:
    matches = json.loads(invoke("match", "programming", "statistics", "--json").stdout)
    assert matches
    for m in matches:
        assert 0 <= m["score"] <= 1
        assert 0 <= m["coverage"] <= 1
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)


def test_every_view_of_a_role_without_skills_renders_in_every_form() -> None:
    from jobcli.analysis import compare, gap, match_roles, similar_roles, skill_usage
    from jobcli.output import draw
    from jobcli.views import build
    from jobcli.views import pairs_plain as pair_views

    catalog = bare_catalog()
    rated, bare = catalog.role_by_id["rated"], catalog.role_by_id["bare"]
    usage = skill_usage(catalog)
    names = {s.id: s.name for s in catalog.skills}
    views = [
        pair_views.compare_view(catalog, compare(rated, bare), rated, bare),
        pair_views.compare_view(catalog, compare(bare, bare), bare, bare),
        pair_views.gap_view(catalog, gap(rated, bare)),
        pair_views.gap_view(catalog, gap(bare, rated)),
        build.match_view(catalog, match_roles(catalog.roles, ["empathy"]), ["Empathy"]),
        build.show_view(catalog, bare, similar_roles(catalog, bare)),
        build.skills_view(catalog, usage),
        build.skills_matrix_view(catalog, usage, catalog.roles),
        build.list_view([role_line(r, names) for r in catalog.roles]),
    ]
    for view in views:
        for fmt in ("text", "tsv", "csv", "markdown"):
            assert plain.render(view.plain(), fmt).endswith("\n")
        for width in (20, 80):
            assert draw(view.drawing(Glyphs()), Environment(None, None, width=width))


HOSTILE_ARGS = [
    ["list"],
    ["show", "role-a"],
    ["compare", "role-a", "role-b"],
    ["skills"],
    ["skills", "--matrix"],
    ["match", "skill-a", "skill-b"],
    ["gap", "role-c", "role-a"],
]
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "markdown", "svg"])
@pytest.mark.parametrize("args", HOSTILE_ARGS, ids=" ".join)
def test_hostile_text_is_harmless_in_every_format(
    tmp_path: Path, args: list[str], fmt: str
) -> None:
    from hostile import write_hostile_catalog

    path = write_hostile_catalog(tmp_path / "hostile.json")
    r = invoke("--data", str(path), *args, "--format", fmt)
    assert r.exit_code == 0, r.output
    assert not CONTROLS.search(r.stdout), CONTROLS.search(r.stdout)
    if fmt == "svg":
        assert "<script" not in r.stdout.lower()


def test_a_role_without_skills_has_no_computed_similar_roles() -> None:
    catalog = bare_catalog()
    bare = catalog.role_by_id["bare"]
    rated = catalog.role_by_id["rated"]
    text = plain.render(show_document(catalog, bare, [(rated, 1.0)]), "text")
    assert build.SIMILAR_HEADING not in text
    other = Role("other", "Other Role", "Unrelated.", (RoleSkill("empathy", 3),))
    text = plain.render(show_document(catalog, other, [(bare, 1.0), (rated, 0.5)]), "text")
    assert "rated\tRated Role\t50%" in text
    assert "bare\t" not in text


@pytest.mark.parametrize("width", [30, 60, 100, 200, 300])
def test_a_very_long_id_folds_and_leaves_room_for_the_other_columns(
    tmp_path: Path, width: int
) -> None:
    data = catalog_data()
    long_id = "-".join(["occupation"] * 9)  # 98 characters, as long as O*NET's longest
    data["roles"][1]["id"] = long_id
    data["roles"][0]["related"] = [long_id]
    path = write_json(tmp_path / "long.json", data)
    out = invoke_as("--data", str(path), "list", width=width).stdout
    assert long_id in id_column(out)
    assert all(len(line) <= width for line in lines_of(out))
    if width >= 100:
        assert "Role" in out  # the title column stays beside a folded id
        assert "Data Analyst" in out


# every byte written, or exit 74 -------------------------------------------------------------------


class _FdStream(io.StringIO):
    """A text stream with a file descriptor behind it (``fileno``), as sys.stdout."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def fileno(self) -> int:
        return self._fd


def test_a_short_write_goes_on_until_every_byte_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jobcli import output

    written: list[bytes] = []

    def short_write(fd: int, data: Any) -> int:
        written.append(bytes(data[:7]))
        return min(len(data), 7)

    monkeypatch.setattr(output.os, "write", short_write)
    env = Environment(stdout=_FdStream(99), stderr=io.StringIO())
    output.write_stdout("é" * 50, env)
    assert b"".join(written) == ("é" * 50).encode()


def test_a_write_that_fails_after_a_short_one_exits_74(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno

    import typer

    from jobcli import output

    calls: list[int] = []

    def full_after_a_block(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.EFBIG, "File too large")
        return 512

    monkeypatch.setattr(output.os, "write", full_after_a_block)
    monkeypatch.setattr(output, "_silence_stdout", lambda: None)
    env = Environment(stdout=_FdStream(99), stderr=io.StringIO())
    with pytest.raises(typer.Exit) as exit_:
        output.write_stdout("x" * 4096, env)
    assert exit_.value.exit_code == 74
    assert capsys.readouterr().err == "jobcli: error: cannot write the output: File too large\n"


def test_a_non_blocking_pipe_with_a_slow_reader_gets_every_byte() -> None:
    import threading
    import time

    from jobcli.output import write_all

    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    data = os.urandom(1 << 20)  # 16 times what the pipe holds
    received = bytearray()

    def slow_reader() -> None:
        while chunk := os.read(read_end, 65536):
            received.extend(chunk)
            time.sleep(0.001)

    reader = threading.Thread(target=slow_reader)
    reader.start()
    try:
        write_all(write_end, data)
    finally:
        os.close(write_end)
        reader.join(30)
        os.close(read_end)
    assert bytes(received) == data


# the environment's variables ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["²", "³", "٣", "-5", "0", "12a", " 80", "99999999999"])
def test_a_columns_or_lines_that_is_not_an_ascii_number_is_ignored(value: str) -> None:
    from jobcli.output import _terminal_size

    class Terminal:
        def fileno(self) -> int:
            raise OSError("no terminal here")

    assert _terminal_size(Terminal(), {"COLUMNS": value, "LINES": value}) == (None, None)
    assert _terminal_size(Terminal(), {"COLUMNS": "90", "LINES": "30"}) == (90, 30)
    assert Environment.from_system({"COLUMNS": value}).width is None
    result = invoke("list", "--format", "table", env={"COLUMNS": value, "LINES": value})
    assert result.exit_code == 0
    assert "Data Scientist" in result.stdout


@pytest.mark.parametrize("args", [["list"], ["show", "analyst"], ["skills"]], ids=" ".join)
def test_svg_parses_as_xml_whatever_the_catalog_holds(tmp_path: Path, args: list[str]) -> None:
    import xml.etree.ElementTree as ET

    data = catalog_data()
    data["roles"][0]["title"] = "Analyst \ufffe\uffff end"
    data["roles"][0]["summary"] = "bell \x07 form feed \x0c nul-ish \x01"
    data["skills"][0]["name"] = "Critical \uffff Thinking"
    path = write_json(tmp_path / "xml.json", data)
    r = invoke("--data", str(path), *args, "--format", "svg")
    assert r.exit_code == 0, r.output
    ET.fromstring(r.stdout)  # raises on a code point XML forbids

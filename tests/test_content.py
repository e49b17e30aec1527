"""The bundled catalog says what its sources say (issue 14).

- Every reason a role stays human (``human_edge``) shares its key words with the
  article's section for that role, found by the role's heading in the article.
- The technologies of a role with an O*NET occupation are ones O*NET flags In Demand
  for that occupation, named as O*NET names them, at an importance that does not
  overstate them; what people type (python, sql, git, figma) finds them.
- No alias is a title O*NET gives another occupation.
- The source line credits the article by its heading, O*NET with its modification
  notice, and GPTs-are-GPTs in full.

The article and the full O*NET release live beside the repository, in
``../shared`` (override with ``JOBCLI_ARTICLE`` and ``JOBCLI_ONET_DIR``); the tests
that need them are skipped, saying why, where they are absent. The technology check
reads the real O*NET rows copied into ``tests/fixtures/onet``.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from support import invoke

from jobcli.catalog import load_catalog
from jobcli.domain import Catalog, Role
from jobcli.lookup import find_role, find_skill
from jobcli.onet.skills import slugify

REPO = Path(__file__).resolve().parents[1]
ARTICLE = Path(
    os.environ.get("JOBCLI_ARTICLE", REPO.parent / "shared" / "source" / "000_5017de3f42400fcb.txt")
)
ONET_DIR = Path(os.environ.get("JOBCLI_ONET_DIR", REPO.parent / "shared" / "data" / "onet"))
FIXTURE_TECH = REPO / "tests" / "fixtures" / "onet" / "db_29_2_text" / "Technology Skills.txt"

#: Words that carry no claim of their own.
STOPWORDS = frozenset(
    " ".join(
        (
            "a an and the of to in on for with by as at from or but so that this these those",
            "it its is are be been was were which who whom what when while their them they",
            "there than then into out up can could will would also both such any some more",
            "most make makes making role roles",
        )
    ).split(" ")
)
#: Words that say whose claim a line is ("the article says ..."), not what it claims.
ATTRIBUTION = frozenset({"article", "says", "calls", "holds"})
#: Share of a line's key words that must occur in the article's section for the role.
MIN_OVERLAP = 0.85
#: What marks a technology in a skill's description (the O*NET importer writes the same).
TECHNOLOGY_MARK = "(O*NET Technology Skills)"


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog()


def _article_sections() -> dict[str, str]:
    """Heading -> the paragraph under it, for each numbered section of the article."""
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not at {ARTICLE} (set JOBCLI_ARTICLE)")
    lines = ARTICLE.read_text(encoding="utf-8").splitlines()
    sections = {}
    for i, line in enumerate(lines):
        heading = re.match(r"^\s*\d+\.\s+(\S.*?)\s*$", line)
        if heading:
            sections[heading.group(1)] = next(text for text in lines[i + 1 :] if text.strip())
    return sections


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def _key_words(text: str) -> list[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return [w for w in words if len(w) > 2 and w not in STOPWORDS]


def unsupported_words(line: str, section: str) -> tuple[float, list[str]]:
    """The share of ``line``'s key words found in ``section`` (crudely stemmed), and the rest."""
    found = {_stem(w) for w in _key_words(section)}
    key = [w for w in _key_words(line) if w not in ATTRIBUTION]
    missing = [w for w in key if _stem(w) not in found]
    return (1 - len(missing) / len(key) if key else 0.0), missing


def _section_of(bundled: Catalog, role: Role) -> str:
    sections = _article_sections()
    mine = [text for heading, text in sections.items() if find_role(bundled, heading) is role]
    assert len(mine) == 1, f"{role.id}: {len(mine)} article sections have its heading"
    return mine[0]


# the article's view ---------------------------------------------------------------------------


def test_every_article_heading_names_one_bundled_role(bundled: Catalog) -> None:
    headings = _article_sections()
    assert len(headings) == len(bundled.roles) == 7
    assert {find_role(bundled, h).id for h in headings} == {r.id for r in bundled.roles}


@pytest.mark.parametrize(
    "role_id",
    [
        "data-scientist",
        "ethical-ai-specialist",
        "cybersecurity-expert",
        "ux-designer",
        "software-engineer",
        "ai-trainer-explainer",
        "tech-policy-expert",
    ],
)
def test_every_human_edge_line_restates_the_article_section_for_its_role(
    bundled: Catalog, role_id: str
) -> None:
    role = bundled.role_by_id[role_id]
    section = _section_of(bundled, role)
    assert role.human_edge
    for line in role.human_edge:
        share, missing = unsupported_words(line, section)
        assert share >= MIN_OVERLAP, f"{role_id}: {line!r} is not in its section: {missing}"


@pytest.mark.parametrize(
    "role_id",
    [
        "data-scientist",
        "ethical-ai-specialist",
        "cybersecurity-expert",
        "ux-designer",
        "software-engineer",
        "ai-trainer-explainer",
        "tech-policy-expert",
    ],
)
def test_every_summary_sentence_paraphrases_the_article_section_for_its_role(
    bundled: Catalog, role_id: str
) -> None:
    role = bundled.role_by_id[role_id]
    section = _section_of(bundled, role)
    for sentence in re.split(r"(?<=\.) ", role.summary):
        share, missing = unsupported_words(sentence, section)
        assert share >= MIN_OVERLAP, f"{role_id}: {sentence!r} is not in its section: {missing}"


@pytest.mark.parametrize(
    ("heading", "line"),
    [  # lines the catalog once had that the article does not make for the role (issue 14)
        (
            "User Experience (UX) Designers",
            "AI can help generate prototypes, but deciding what makes an experience "
            "intuitive and accessible for real people takes a person.",
        ),
        (
            "Tech Policy and Regulation Experts",
            "Weighing the impact of technology on society calls for human judgment.",
        ),
        (
            "Cybersecurity Experts",
            "As AI evolves, so do the techniques cybercriminals use, and defenders have to "
            "keep adapting.",
        ),
    ],
)
def test_the_overlap_check_rejects_lines_the_article_does_not_make(heading: str, line: str) -> None:
    share, _ = unsupported_words(line, _article_sections()[heading])
    assert share < MIN_OVERLAP


# technologies ---------------------------------------------------------------------------------


def _in_demand() -> dict[str, dict[str, bool]]:
    """O*NET-SOC code -> {technology In Demand for it: whether also Hot}, from real rows."""
    found: dict[str, dict[str, bool]] = defaultdict(dict)
    with FIXTURE_TECH.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["In Demand"] == "Y":
                found[row["O*NET-SOC Code"]][row["Example"]] = row["Hot Technology"] == "Y"
    return found


def _technologies(bundled: Catalog, role: Role) -> list[tuple[str, int]]:
    return [
        (s.id, s.importance)
        for s in role.skills
        if TECHNOLOGY_MARK in bundled.skill_by_id[s.id].description
    ]


@pytest.mark.parametrize(
    "role_id", ["data-scientist", "software-engineer", "ux-designer", "cybersecurity-expert"]
)
def test_a_matched_role_lists_a_handful_of_technologies_onet_flags_in_demand_for_it(
    bundled: Catalog, role_id: str
) -> None:
    role = bundled.role_by_id[role_id]
    assert role.onet_soc_code
    wanted = _in_demand()[role.onet_soc_code]
    tools = _technologies(bundled, role)
    assert 2 <= len(tools) <= 6, tools
    for skill_id, importance in tools:
        skill = bundled.skill_by_id[skill_id]
        assert skill.name in wanted, f"{skill.name} is not In Demand for {role.onet_soc_code}"
        assert skill.kind == "technical"
        assert importance <= 3, "a demand flag is not an importance rating"
        assert skill_id == slugify(skill.name), "the id an O*NET import gives it"
        assert ("Hot technology" in skill.description) == wanted[skill.name]


def test_roles_without_an_onet_occupation_list_tools_only_as_the_source_says(
    bundled: Catalog,
) -> None:
    for role in bundled.roles:
        if not role.onet_soc_code and _technologies(bundled, role):
            assert role.title in bundled.source
    assert "general, well-known practice" in bundled.source


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("python", "Python"),
        ("sql", "Structured query language SQL"),
        ("aws", "Amazon Web Services AWS software"),
        ("excel", "Microsoft Excel"),
        ("git", "Git"),
        ("figma", "Figma"),
    ],
)
def test_what_people_type_finds_the_onet_technology(
    bundled: Catalog, typed: str, name: str
) -> None:
    assert find_skill(bundled, typed).name == name


@pytest.mark.parametrize(
    ("skills", "first"),
    [
        (["python", "sql"], "data-scientist"),
        (["git"], "software-engineer"),
        (["figma"], "ux-designer"),
        (["splunk"], "cybersecurity-expert"),
    ],
)
def test_match_on_everyday_tools_puts_the_role_that_uses_them_first(
    skills: list[str], first: str
) -> None:
    r = invoke("match", *skills, "--json")
    assert r.exit_code == 0, r.output
    ranked = json.loads(r.stdout)
    assert ranked[0]["role"] == first
    assert len(ranked[0]["have"]) == len(skills)


# aliases --------------------------------------------------------------------------------------


def _onet_titles() -> dict[str, set[str]]:
    """Normalised title -> the O*NET-SOC codes that use it (title, alternate or short title)."""
    if not (ONET_DIR / "Alternate Titles.txt").is_file():
        pytest.skip(f"no O*NET release at {ONET_DIR} (set JOBCLI_ONET_DIR)")
    codes: dict[str, set[str]] = defaultdict(set)
    for name, columns in (
        ("Occupation Data.txt", ("Title",)),
        ("Alternate Titles.txt", ("Alternate Title", "Short Title")),
    ):
        with (ONET_DIR / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for column in columns:
                    if row[column].strip() not in ("", "n/a"):
                        codes[_plain(row[column])].add(row["O*NET-SOC Code"].strip())
    return codes


def _plain(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def test_no_alias_is_a_title_onet_gives_only_to_other_occupations(bundled: Catalog) -> None:
    titles = _onet_titles()
    wrong = []
    for role in bundled.roles:
        for alias in role.aliases:
            forms = {_plain(alias), _plain(alias).removesuffix("s")}
            codes = set().union(*(titles.get(form, set()) for form in forms))
            if codes and role.onet_soc_code not in codes:
                wrong.append(f"{role.id}: {alias!r} is O*NET's title for {sorted(codes)}")
    assert not wrong


# attribution ----------------------------------------------------------------------------------


def test_the_source_cites_the_article_by_its_heading(bundled: Catalog) -> None:
    if not ARTICLE.is_file():
        pytest.skip(f"the source article is not at {ARTICLE} (set JOBCLI_ARTICLE)")
    heading = next(line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line)
    assert f'article headed "{heading.strip()}"' in bundled.source


@pytest.mark.parametrize(
    "credit",
    [
        "Used under the CC BY 4.0 license. O*NET® is a trademark of USDOL/ETA.",
        "jobcli has modified all or some of this information. USDOL/ETA has not approved, "
        "endorsed, or tested these modifications.",
        'Eloundou, Manning, Mishkin, Rock, "GPTs are GPTs: An Early Look at the Labor Market '
        'Impact Potential of Large Language Models" (2023)',
        "MIT licence, copyright 2024 OpenAI",
    ],
)
def test_the_source_credits_onet_and_the_exposure_research_in_full(
    bundled: Catalog, credit: str
) -> None:
    assert credit in bundled.source


@pytest.mark.parametrize(
    "command",
    [["list", "--sort", "exposure"], ["match", "python", "sql"], ["show", "data-scientist"]],
)
def test_a_view_showing_exposure_names_measure_and_source_and_says_it_is_not_replacement_once(
    command: list[str],
) -> None:
    r = invoke(*command, "--format", "table", env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    text = " ".join(r.stdout.split())
    assert "β, human raters" in text
    assert '"GPTs are GPTs" (openai/GPTs-are-GPTs, data/occ_level.csv)' in text
    assert text.lower().count("exposure is not replacement") == 1


# pay, outlook and preparation (issue 20) ------------------------------------------------------

FACTS = Path(os.environ.get("JOBCLI_FACTS", REPO.parent / "shared" / "facts.md"))
JOB_ZONES = (
    Path(os.environ.get("JOBCLI_ONET_293_DIR", REPO.parent / "shared" / "data" / "onet-29.3"))
    / "Job Zones.txt"
)
PAY_SOURCE = (
    "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, May 2024"
)
OUTLOOK_SOURCE = "U.S. Bureau of Labor Statistics, Employment Projections 2024–34"


def _dollars(text: str) -> int:
    return int(text.strip().lstrip("$").replace(",", ""))


def _bls_table() -> dict[str, dict[str, Any]]:
    """SOC -> the figures of facts.md's BLS table, read from the file itself."""
    if not FACTS.is_file():
        pytest.skip(f"the checked facts are not at {FACTS} (set JOBCLI_FACTS)")
    rows: dict[str, dict[str, Any]] = {}
    for line in FACTS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 8 or not re.fullmatch(r"\d\d-\d{4}", cells[0]):
            continue
        low, high = cells[3].split("–")
        rows[cells[0]] = {
            "title": cells[1],
            "median": _dollars(cells[2]),
            "p10": _dollars(low),
            "p90": _dollars(high),
            "employment": int(cells[4].replace(",", "")),
            "change_percent": float(cells[5].rstrip("%")),
            "openings_per_year": int(cells[6].replace(",", "")),
            "education": cells[7],
        }
    assert rows, f"no BLS table found in {FACTS}"
    return rows


def _with_occupation(bundled: Catalog) -> list[Role]:
    return [r for r in bundled.roles if r.onet_soc_code]


def test_pay_and_outlook_equal_the_checked_bls_figures(bundled: Catalog) -> None:
    table = _bls_table()
    roles = _with_occupation(bundled)
    assert len(roles) == 4
    for role in roles:
        assert role.onet_soc_code is not None
        assert role.pay
        assert role.outlook
        soc = role.onet_soc_code[:7]
        facts = table[soc]
        pay = role.pay
        assert (pay["median"], pay["p10"], pay["p90"]) == (
            facts["median"],
            facts["p10"],
            facts["p90"],
        ), role.id
        assert not pay.get("top_coded")
        assert not pay.get("group")
        assert (pay["soc"], pay["soc_title"]) == (soc, facts["title"])
        assert (pay["period"], pay["source"]) == ("May 2024", PAY_SOURCE)
        outlook = role.outlook
        assert (
            outlook["employment"],
            outlook["change_percent"],
            outlook["openings_per_year"],
        ) == (facts["employment"], facts["change_percent"], facts["openings_per_year"]), role.id
        assert (outlook["soc"], outlook["period"], outlook["source"]) == (
            soc,
            "2024–34",
            OUTLOOK_SOURCE,
        )
        assert role.preparation is not None
        assert role.preparation["education"] == facts["education"]


def test_job_zones_are_onet_29_3s(bundled: Catalog) -> None:
    if not JOB_ZONES.is_file():
        pytest.skip(f"O*NET 29.3 Job Zones are not at {JOB_ZONES} (set JOBCLI_ONET_293_DIR)")
    names = {
        1: "Little or No Preparation Needed",
        2: "Some Preparation Needed",
        3: "Medium Preparation Needed",
        4: "Considerable Preparation Needed",
        5: "Extensive Preparation Needed",
    }
    with JOB_ZONES.open(encoding="utf-8", newline="") as handle:
        zones = {
            row["O*NET-SOC Code"].strip(): int(row["Job Zone"])
            for row in csv.DictReader(handle, delimiter="\t")
        }
    for role in _with_occupation(bundled):
        assert role.preparation is not None
        assert role.onet_soc_code is not None
        assert role.job_zone() == zones[role.onet_soc_code], role.id
        assert role.preparation["name"] == names[zones[role.onet_soc_code]]
        assert "O*NET 29.3 Job Zones" in role.preparation["source"]


def test_roles_without_an_occupation_carry_no_figures(bundled: Catalog) -> None:
    without = [r for r in bundled.roles if not r.onet_soc_code]
    assert len(without) == 3
    for role in without:
        assert (role.pay, role.outlook, role.preparation) == (None, None, None), role.id


def test_the_source_credits_the_bls_figures_with_their_periods(bundled: Catalog) -> None:
    assert PAY_SOURCE in bundled.source
    assert OUTLOOK_SOURCE in bundled.source
    assert "O*NET 29.3" in bundled.source

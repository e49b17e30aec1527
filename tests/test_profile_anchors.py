"""The bundled O*NET level anchors (``me rate``) equal a fresh build from O*NET 29.3."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from jobcli.questionnaire import load_anchors

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT.parent / "shared" / "data" / "onet-29.3"


def test_the_anchors_cover_onets_35_skills_and_33_knowledge_areas() -> None:
    elements = load_anchors()["elements"]
    assert sum(e["kind"] == "skill" for e in elements) == 35
    assert sum(e["kind"] == "knowledge" for e in elements) == 33
    assert all(len(e["anchors"]) >= 3 and e["description"] for e in elements)


def test_the_anchors_credit_onet_under_cc_by() -> None:
    document = load_anchors()
    assert "O*NET 29.3" in document["credit"]
    assert "CC BY 4.0" in document["credit"]
    assert "has modified" in document["credit"]


@pytest.mark.skipif(
    not (RELEASE / "Level Scale Anchors.txt").is_file(), reason="O*NET 29.3 is absent"
)
def test_the_bundled_anchors_equal_a_fresh_build() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_anchors", ROOT / "scripts" / "make_anchors.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert json.loads(json.dumps(module.build(RELEASE))) == load_anchors()

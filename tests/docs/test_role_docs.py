"""Every role has a README, an argument spec, and a docs page that matches that spec exactly
(pages are written by `make docs`, never by this test)."""
import os

import pytest
import yaml

import role_docs

ROLES = sorted(os.listdir(os.path.join(role_docs.ROOT, "roles")))


@pytest.mark.parametrize("role", ROLES)
def test_role_has_readme_spec_and_current_docs_page(role):
    base = os.path.join(role_docs.ROOT, "roles", role)
    assert os.path.exists(os.path.join(base, "README.md"))
    assert role in role_docs.roles(), f"{role} has no meta/argument_specs.yml"
    page = os.path.join(role_docs.ROOT, "docs", "roles", f"{role}.md")
    assert os.path.exists(page), f"{page} is missing: run make docs"
    with open(page) as handle:
        assert handle.read() == role_docs.render(role), f"{page} is stale: run make docs"


@pytest.mark.parametrize("role", ROLES)
def test_every_default_is_documented_in_the_spec(role):
    """A variable in defaults/main.yml that the spec does not declare would be undocumented."""
    base = os.path.join(role_docs.ROOT, "roles", role)
    with open(os.path.join(base, "defaults", "main.yml")) as handle:
        defaults = set(yaml.safe_load(handle) or {})
    with open(os.path.join(base, "meta", "argument_specs.yml")) as handle:
        specs = yaml.safe_load(handle)["argument_specs"]
    declared = set().union(*(set(spec.get("options") or {}) for spec in specs.values()))
    assert sorted(defaults - declared) == []

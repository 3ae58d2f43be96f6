"""The trace: every step names its roles, metrics and trainings, by id, of the right type;
every catalog entry gives its fields. Checked by sphinx-needs from soplib.model.trace, each
message located at the need's file and line."""

from __future__ import annotations

import pytest

from samples import SIMPLE, line_of, replace
from soplib.model.trace import DURATION, SCHEMA_DEFINITIONS, schema_definitions
from support.projects import REPO

X = "sops/area/x.md"


ANSWER = (
    ":id: STEP_T_ANSWER\n:responsible: ROLE_AGENT\n:metrics: KPI_ASA\n"
    ":training: TRN_CALL_HANDLING\n"
)


def rule_index(rule_id: str) -> int:
    """The position sphinx-needs names a schema rule by, as in 'metric[2]'."""
    ids = [schema["id"] for schema in SCHEMA_DEFINITIONS["schemas"]]
    return ids.index(rule_id)


def violation(
    file: str,
    line: int,
    need: str,
    rule: str,
    path: str,
    schema_message: str,
    field: str = "",
    every_entry_used: bool = False,
) -> str:
    """The located error sphinx-needs prints for a broken schema rule (in a test project,
    whose rules leave out that every catalog entry is used, unless every_entry_used)."""
    rules = schema_definitions(every_entry_used)["schemas"]
    message = rules[rule_index(rule)]["message"]
    return (
        f"{file}:{line}: ERROR: Need '{need}' has schema violations:\n"
        "  Severity:       violation\n"
        + (f"  Field:          {field}\n" if field else "")
        + f"  Need path:      {need}\n"
        f"  Schema path:    {rule}[{rule_index(rule)}] > local > {path}\n"
        f"  User message:   {message}\n"
        f"  Schema message: {schema_message} [sn_schema_violation.local_fail]"
    )


@pytest.mark.parametrize("link", ["responsible", "metrics", "training"])
def test_step_without_a_required_link_fails_naming_the_step(build_project, link):
    value = {"responsible": "ROLE_AGENT", "metrics": "KPI_ASA", "training": "TRN_CALL_HANDLING"}[
        link
    ]
    text = replace(SIMPLE, ANSWER, ANSWER.replace(f":{link}: {value}\n", ""))
    build = build_project({X: text})
    expected = violation(
        X,
        line_of(text, "{step} Answer"),
        "STEP_T_ANSWER",
        "step",
        "required",
        f'"{link}" is a required property',
    )
    assert expected in build.text
    assert build.warnings_of("sop.") == []


def test_step_with_an_empty_link_fails(build_project):
    text = replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics:\n")
    build = build_project({X: text})
    assert (
        violation(
            X,
            line_of(text, "{step} Answer"),
            "STEP_T_ANSWER",
            "step",
            "required",
            '"metrics" is a required property',
        )
        in build.text
    )


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        pytest.param(
            ":metrics: KPI_ASA",
            ":metrics: KPI_NOPE",
            "{step} Answer",
            "Need 'STEP_T_ANSWER' has unknown outgoing link 'KPI_NOPE' in field "
            "'metrics' [needs.link_outgoing]",
            id="link_to_a_missing_id",
        ),
        pytest.param(
            ":metrics: KPI_ASA",
            ":metrics: ROLE_AGENT",
            "{step} Answer",
            "Need 'STEP_T_ANSWER' link 'ROLE_AGENT' in field 'metrics': target need "
            "type 'role' is not one of 'metric' (or a type inheriting from it), as need "
            "type 'step' declares it [needs.link_target_type]",
            id="link_to_a_wrong_type",
        ),
        pytest.param(
            ":id: STEP_T_ANSWER\n",
            "",
            "{step} Answer",
            "Need could not be created: No ID defined, but 'needs_id_required' is set "
            "to True. [needs.create_need]",
            id="step_without_an_id",
        ),
        pytest.param(
            ":id: STEP_T_CLOSE",
            ":id: STEP_T_ANSWER",
            "{step} Close",
            "Need could not be created: A need with ID 'STEP_T_ANSWER' already exists "
            f"(defined at sops/area/x:{line_of(SIMPLE, '{step} Answer')}). "
            "[needs.create_need]",
            id="step_id_used_twice",
        ),
        pytest.param(
            ":metrics: KPI_ASA\n",
            ":metrics: KPI_ASA\n:unit: seconds\n",
            "{step} Answer",
            "Field 'unit' is not declared on need type 'step' and cannot be set in need "
            "'STEP_T_ANSWER'; the value 'seconds' is ignored [needs.undeclared_for_type]",
            id="catalog_field_on_a_step",
        ),
    ],
)
def test_sphinx_needs_reports_the_step(build_project, old, new, needle, message):
    text = replace(SIMPLE, old, new)
    build = build_project({X: text})
    assert build.warnings_of("needs.") == [f"{X}:{line_of(text, needle)}: WARNING: {message}"]


def test_step_id_without_its_prefix(build_project):
    text = replace(SIMPLE, ":id: STEP_T_CLOSE", ":id: CLOSE_T")
    build = build_project({X: text})
    assert (
        violation(
            X,
            line_of(text, "{step} Close"),
            "CLOSE_T",
            "step",
            "properties > id > pattern",
            '"CLOSE_T" does not match "^STEP_"',
            field="id",
        )
        in build.text
    )


CATALOG = "sops/area/more-metrics.md"


METRIC = """\
# More metrics

```{metric} Abandonment rate
:id: KPI_ABANDON
:definition: Calls abandoned after 5 seconds in queue, as a share of calls offered.
:unit: %
:target: 5% or less
:source: ACD
```
"""


def test_catalog_entry_without_a_required_field(build_project):
    build = build_project({X: SIMPLE, CATALOG: replace(METRIC, ":unit: %\n", "")})
    assert (
        violation(CATALOG, 3, "KPI_ABANDON", "metric", "required", '"unit" is a required property')
        in build.text
    )


def test_catalog_entry_with_a_value_out_of_its_list(build_project):
    build = build_project({X: SIMPLE, CATALOG: replace(METRIC, ":source: ACD", ":source: Excel")})
    assert (
        violation(
            CATALOG,
            3,
            "KPI_ABANDON",
            "metric",
            "properties > source > enum",
            '"Excel" is not one of "ACD", "WFM" or 3 other candidates',
            field="source",
        )
        in build.text
    )


TRAINING = """\
# More trainings

```{training} Vulnerable customers
:id: TRN_VULNERABLE
:delivery: e-learning
:duration: 2 hourz
:refresh_every: 12 months
```
"""


def test_catalog_entry_with_a_value_of_the_wrong_shape(build_project):
    build = build_project({X: SIMPLE, "sops/area/more-trainings.md": TRAINING})
    assert (
        violation(
            "sops/area/more-trainings.md",
            3,
            "TRN_VULNERABLE",
            "training",
            "properties > duration > pattern",
            f'"2 hourz" does not match "{DURATION}"',
            field="duration",
        )
        in build.text
    )


def test_a_catalog_entry_no_step_uses_is_reported(build_project):
    build = build_project({X: SIMPLE}, report_unused=True)
    roles = (REPO / "sops" / "catalog" / "roles.md").read_text(encoding="utf-8")
    assert (
        violation(
            "sops/catalog/roles.md",
            line_of(roles, "{role} QA lead"),
            "ROLE_QA_LEAD",
            "role",
            "properties > steps > minimum",
            "0 is less than the minimum of 1",
            field="steps",
            every_entry_used=True,
        )
        in build.text
    )

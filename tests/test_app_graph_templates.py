"""The app graph holds in the templates too: no template loads a higher app's tag library.

import-linter (`make lint`) sees Python imports only. A `{% load %}` is an import it cannot
see, so this test applies the same layers, read from pyproject.toml's
[tool.importlinter] "app-layers" contract, so that the rule lives in one place. A template
belongs to the app its folder names (`templates/planning/…`, `worklist/templates/…`);
templates outside any app's folder (base.html, includes/, registration/) belong to the
lowest layer. A higher app that wants a block on a lower app's page registers it in a slot
(core.slots, `{% slot %}`).
"""

import re
import tomllib
from pathlib import Path

from django.template import Context, Template, engines
from django.test import SimpleTestCase

import mrplan
from mrplan.core import slots

PACKAGE = Path(mrplan.__file__).parent
PYPROJECT = PACKAGE.parent.parent / "pyproject.toml"
LOAD = re.compile(r"{%-?\s*load\s+(.*?)\s*-?%}")


def app_layers() -> dict[str, int]:
    """Return each app's layer from pyproject.toml, 0 the top; apps on one layer share it."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    (contract,) = [
        contract
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["id"] == "app-layers"
    ]
    layers: dict[str, int] = {}
    for index, layer in enumerate(contract["layers"]):
        for app in re.split(r"[|:]", layer):
            layers[app.strip().strip("()")] = index
    return layers


def library_apps() -> dict[str, str]:
    """Return the app of each tag library the project defines, by its `{% load %}` name."""
    libraries = engines["django"].engine.libraries  # type: ignore[attr-defined]
    apps = {}
    for name, module in libraries.items():
        parts = module.split(".")
        if parts[0] == "mrplan" and "templatetags" in parts:
            apps[name] = parts[1]
    return apps


def loaded_libraries(text: str) -> list[str]:
    """Return the libraries a template loads (`{% load a b %}`, `{% load x y from lib %}`)."""
    names: list[str] = []
    for match in LOAD.finditer(text):
        words = match.group(1).split()
        names.extend(words[-1:] if "from" in words else words)
    return names


def template_app(path: Path, layers: dict[str, int]) -> str:
    """Return the app a template belongs to; the lowest layer's for shared templates."""
    relative = path.relative_to(PACKAGE).parts
    if relative[0] == "templates":
        folder = relative[1] if len(relative) > 2 else ""
    else:  # an app's own templates/ folder: <app>/templates/<app>/…
        folder = relative[0]
    if folder in layers:
        return folder
    return max(layers, key=layers.__getitem__)


def upward_loads(
    templates: dict[str, tuple[str, str]], layers: dict[str, int], libraries: dict[str, str]
) -> list[str]:
    """Return "template (app) loads library (app)" for each load that goes up or sideways.

    TEMPLATES maps a template's name to (its app, its text).
    """
    found = []
    for name, (app, text) in sorted(templates.items()):
        for library in loaded_libraries(text):
            owner = libraries.get(library)
            if owner is None or owner == app:
                continue  # Django's own and third-party libraries, or the app's own
            if layers[owner] <= layers[app]:
                found.append(f"{name} ({app}) loads {library} ({owner})")
    return found


def project_templates(layers: dict[str, int]) -> dict[str, tuple[str, str]]:
    templates = {}
    for path in sorted(PACKAGE.glob("**/templates/**/*")):
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}:
            name = str(path.relative_to(PACKAGE))
            templates[name] = (template_app(path, layers), path.read_text(encoding="utf-8"))
    return templates


class TemplateLayerTests(SimpleTestCase):
    def setUp(self) -> None:
        self.layers = app_layers()
        self.libraries = library_apps()

    def test_the_layers_come_from_the_import_linter_contract(self) -> None:
        assert self.layers["core"] > self.layers["planning"] > self.layers["knowledge"]
        assert self.layers["knowledge"] == self.layers["collaboration"]
        assert self.layers["public"] < self.layers["knowledge"]

    def test_the_project_libraries_are_found(self) -> None:
        assert self.libraries["mrplan"] == "core"
        assert self.libraries["knowledge_evidence"] == "knowledge"
        assert self.libraries["publication"] == "public"
        assert self.libraries["indicator_numbers"] == "planning"

    def test_no_template_loads_the_tags_of_a_higher_or_sibling_app(self) -> None:
        templates = project_templates(self.layers)
        assert len(templates) > 100, "the templates were not found"
        assert upward_loads(templates, self.layers, self.libraries) == []

    def test_a_load_from_a_higher_app_is_found(self) -> None:
        templates = {
            "templates/planning/plan.html": (
                "planning",
                '{% load i18n mrplan %}{% load knowledge_evidence %}{% slot "x" y %}',
            ),
            "templates/planning/report.html": (
                "planning",
                "{% load report_publication from publication %}",
            ),
            "templates/public/page.html": (
                "public",
                "{% load i18n indicator_numbers publication %}",
            ),
            "templates/knowledge/page.html": ("knowledge", "{%load mrplan indicator_numbers%}"),
            "templates/collaboration/c.html": ("collaboration", "{% load knowledge_evidence %}"),
        }
        assert upward_loads(templates, self.layers, self.libraries) == [
            "templates/collaboration/c.html (collaboration) loads knowledge_evidence (knowledge)",
            "templates/planning/plan.html (planning) loads knowledge_evidence (knowledge)",
            "templates/planning/report.html (planning) loads publication (public)",
        ]

    def test_a_template_belongs_to_the_app_its_folder_names(self) -> None:
        assert template_app(PACKAGE / "templates/planning/plan.html", self.layers) == "planning"
        assert (
            template_app(PACKAGE / "worklist/templates/worklist/x.html", self.layers) == "worklist"
        )
        assert template_app(PACKAGE / "templates/base.html", self.layers) == "core"
        assert template_app(PACKAGE / "templates/registration/login.html", self.layers) == "core"


class SlotTests(SimpleTestCase):
    """core.slots: how a higher app shows a block on a lower app's page."""

    def render(self, text: str, **context: object) -> str:
        return Template("{% load mrplan %}" + text).render(Context(context))

    def test_an_empty_slot_renders_nothing(self) -> None:
        assert self.render('[{% slot "tests.nobody" obj %}]', obj=1) == "[]"

    def test_registered_blocks_render_in_order_and_unsafe_text_is_escaped(self) -> None:
        def first(context: Context, obj: object) -> str:
            return f"<b>{obj}</b>"

        def second(context: Context, obj: object) -> str:
            return "second"

        slots.register("tests.order", first)
        slots.register("tests.order", second)
        slots.register("tests.order", first)  # again: replaces, does not repeat
        assert self.render('{% slot "tests.order" obj %}', obj="x") == (
            "&lt;b&gt;x&lt;/b&gt;second"
        )

    def test_an_inclusion_block_renders_a_template_with_its_data(self) -> None:
        def data(context: Context, obj: object) -> dict[str, object]:
            return {"crumbs": [(None, obj)]}

        slots.register("tests.inclusion", slots.inclusion("includes/breadcrumbs.html", data))
        html = self.render('<p>{% slot "tests.inclusion" obj %}</p>', obj="<Nämnd>")
        assert '<p><nav class="breadcrumbs"' in html
        assert '<span aria-current="page">&lt;Nämnd&gt;</span>' in html

    def test_the_apps_fill_the_planning_and_organisation_slots(self) -> None:
        filled = {slot: list(blocks) for slot, blocks in slots._blocks.items() if blocks}
        assert any("goal_evidence" in name for name in filled["planning.plan.goal"])
        assert any("report_values_button" in name for name in filled["planning.report.after_form"])
        assert any("plan_publication" in name for name in filled["planning.plan.end"])
        assert any("report_publication" in name for name in filled["planning.report.head"])
        assert any("public_plan_links" in name for name in filled["organisations.organisation"])

"""Dependencies run one way: a module of soplib imports only its own layer and the layers
before it in soplib.LAYERS. The imports are read from the source with ast, so a forbidden
import is named even where it would not run (inside a function, under TYPE_CHECKING), and
even where it makes an import cycle that stops the package loading: this test does not
import soplib.
"""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

from support.projects import REPO

PACKAGE = REPO / "_ext" / "soplib"


def declared_layers(package: Path) -> tuple[str, ...]:
    """LAYERS as the package's __init__.py declares it, read without importing it."""
    tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "LAYERS":
            layers: tuple[str, ...] = ast.literal_eval(node.value)
            return layers
    raise AssertionError(f"{package}/__init__.py declares no LAYERS")


LAYERS = declared_layers(PACKAGE)


def module_name(package: Path, path: Path) -> str:
    """soplib.site.views for site/views/__init__.py, soplib.model.outline for model/outline.py."""
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(package: Path, name: str) -> bool:
    """Whether a dotted name under the package is a module or a subpackage of it."""
    path = package.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(package: Path, path: Path) -> Iterator[tuple[int, str, str]]:
    """Each import of a file: its line, its statement, and the module of ours it names."""
    source = path.read_text(encoding="utf-8")
    module = module_name(package, path)
    here = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here.split(".")[: len(here.split(".")) - node.level + 1] if node.level else []
            base_name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            targets = [
                f"{base_name}.{alias.name}"
                if is_module(package, f"{base_name}.{alias.name}")
                else base_name
                for alias in node.names
            ]
        else:
            continue
        statement = " ".join((ast.get_source_segment(source, node) or "").split())
        for target in targets:
            if target == package.name or target.startswith(package.name + "."):
                yield node.lineno, statement, target


def layer_of(name: str) -> str | None:
    """The layer a module of ours belongs to; None for the package itself, which wires them."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else None


def layer_violations(package: Path, layers: Sequence[str]) -> list[str]:
    """Every import of a module of a higher layer, or of the package that wires them all."""
    found = []
    order = " < ".join(layers)
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(package.parent)
        source = layer_of(module_name(package, path))
        if source is None:
            continue  # the package's setup wires every layer
        if source not in layers:
            found.append(
                f"{where}: '{source}' is not a layer: add it to LAYERS in "
                f"soplib/__init__.py, in its place among {order}"
            )
            continue
        for line, statement, target in imports(package, path):
            layer = layer_of(target)
            if layer is None or layer not in layers or layers.index(layer) > layers.index(source):
                used = f"the {layer} layer" if layer else "the package that wires every layer"
                found.append(
                    f"{where}:{line}: '{statement}' makes the {source} layer use "
                    f"{used}; a layer uses only itself and the layers before it "
                    f"({order}): move the code it needs down, or pass it in"
                )
    return found


def test_every_import_runs_down_the_layers():
    violations = layer_violations(PACKAGE, LAYERS)
    assert violations == [], "\n".join(violations)


def test_every_folder_of_the_package_is_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert folders | modules == set(LAYERS)


def test_an_import_up_the_layers_is_named(tmp_path):
    package = Path(shutil.copytree(PACKAGE, tmp_path / "soplib"))
    outline = package / "model" / "outline.py"
    text = outline.read_text(encoding="utf-8")
    anchor = "from .settings import SectionSpec\n"
    outline.write_text(text.replace(anchor, anchor + "from ..site.library import Library\n"))
    line = text[: text.index(anchor)].count("\n") + 2
    assert layer_violations(package, LAYERS) == [
        f"soplib/model/outline.py:{line}: 'from ..site.library import Library' makes the model "
        "layer use the site layer; a layer uses only itself and the layers before it (upstream "
        "< model < diagrams < checks < site < tools): move the code it needs down, or pass it in"
    ]


def test_an_import_of_the_wiring_package_or_a_new_folder_is_named(tmp_path):
    package = Path(shutil.copytree(PACKAGE, tmp_path / "soplib"))
    (package / "checks" / "late.py").write_text("def run():\n    from soplib import setup\n")
    (package / "extras").mkdir()
    (package / "extras" / "__init__.py").write_text("")
    assert layer_violations(package, LAYERS) == [
        "soplib/checks/late.py:2: 'from soplib import setup' makes the checks layer use the "
        "package that wires every layer; a layer uses only itself and the layers before it "
        "(upstream < model < diagrams < checks < site < tools): move the code it needs down, "
        "or pass it in",
        "soplib/extras/__init__.py: 'extras' is not a layer: add it to LAYERS in "
        "soplib/__init__.py, in its place among upstream < model < diagrams < checks < site "
        "< tools",
    ]

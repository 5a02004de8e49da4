"""core and documents keep their Chinese messages in one ``messages.py`` per area.

A message (an error, a warning, a note for the clerk) is a named template in its
area's ``messages.py``, filled in one pass by ``str.format`` with named fields; see
docs/ARCHITECTURE.md.  These tests keep new Chinese sentences from being written
inline again and keep every template fillable with its own field names.
"""

from __future__ import annotations

import ast
import importlib
import re
import string

import pytest

from tests.helpers import ROOT
from villagedesk.core.common import periods
from villagedesk.errors import UserError

PACKAGE = ROOT / "villagedesk"
# Han characters and the CJK punctuation a Chinese sentence needs (。，“”（）).
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _sources() -> list:
    return sorted(p for layer in ("core", "documents") for p in (PACKAGE / layer).rglob("*.py"))


def _message_modules() -> list[str]:
    return [".".join(p.relative_to(ROOT).with_suffix("").parts)
            for p in _sources() if p.name == "messages.py"]


def _error_classes() -> set[str]:
    """UserError and its subclasses in core and documents (ForeignVillage, …): what the clerk is shown."""
    names = {"UserError"}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    getattr(base, "id", getattr(base, "attr", None)) == "UserError" for base in node.bases):
                names.add(node.name)
    return names


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def inline_messages(source: str, errors: set[str] = frozenset({"UserError"})) -> list[int]:
    """Lines where a UserError (or a class in ``errors``) is given Chinese text written in place."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and _called_name(node) in errors):
            continue
        arguments = [*node.args, *(k.value for k in node.keywords)]
        for argument in arguments:
            if any(isinstance(inner, ast.Constant) and isinstance(inner.value, str) and _CJK.search(inner.value)
                   for inner in ast.walk(argument)):
                lines.append(node.lineno)
                break
    return lines


def test_the_detector_sees_inline_chinese():
    source = ('raise UserError("没有这一户。")\n'
              'raise errors.UserError(f"没有户编号为“{code}”的户。", field="code")\n'
              'raise UserError(problem + "。")\n'
              'raise UserError(messages.NO_SUCH_HOUSEHOLD.format(code=code), field="code")\n'
              'raise UserError("No such household.")\n'
              'raise ValueError("不是给文书看的")\n')
    assert inline_messages(source) == [1, 2, 3]


@pytest.mark.slow
def test_core_and_documents_write_no_chinese_message_in_place():
    errors = _error_classes()
    assert "ForeignVillage" in errors  # the subclasses are found, so their messages are checked too
    found = [f"{path.relative_to(ROOT)}:{line}" for path in _sources() if path.name != "messages.py"
             for line in inline_messages(path.read_text(encoding="utf-8"), errors)]
    assert found == [], "Chinese UserError text outside messages.py:\n" + "\n".join(found)


def _templates(module_name: str) -> dict[str, str]:
    module = importlib.import_module(module_name)
    return {name: value for name, value in vars(module).items()
            if name.isupper() and isinstance(value, str)}


def test_every_area_keeps_its_messages_in_one_module():
    # One module per area package that speaks to the clerk; a new area adds its own.
    expected = {f"villagedesk.core.{area}.messages" for area in (
        "common", "register", "committee", "points", "meetings", "requests", "notices", "township", "home")}
    expected |= {f"villagedesk.documents.{kind}.messages" for kind in ("excel", "imports", "pdf", "package")}
    expected.add("villagedesk.documents.messages")  # atomic.py, shared by every writer
    assert expected <= set(_message_modules())


class _Value:
    """Stands in for any argument, whatever format spec its field carries ("{amount:.2f}")."""

    def __init__(self, name: str):
        self.name = name

    def __format__(self, spec: str) -> str:
        return f"<{self.name}>"


@pytest.mark.parametrize("module_name", _message_modules())
def test_every_template_fills_with_its_own_named_fields(module_name):
    templates = _templates(module_name)
    assert templates, f"{module_name} holds no template"
    for name, template in templates.items():
        fields = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
        # Named fields only: "{}" or "{0}" would depend on argument order, "{a.b}" reaches into objects.
        assert all(field.isidentifier() for field in fields), (name, template)
        filled = template.format(**{field: _Value(field) for field in fields})
        assert all(f"<{field}>" in filled for field in fields), (name, template)


@pytest.mark.parametrize("module_name", _message_modules())
def test_every_template_is_used(module_name):
    module_path = ROOT.joinpath(*module_name.split(".")).with_suffix(".py")
    code = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p != module_path)
    unused = [name for name in _templates(module_name) if not re.search(rf"\.{name}\b", code)]
    assert unused == [], f"{module_name}: templates nobody uses: {unused}"


def test_a_value_that_looks_like_a_field_is_not_filled_again():
    # One pass: the clerk's text is shown as typed even when it holds "{text}" or "%1".
    with pytest.raises(UserError) as raised:
        periods.parse("{text}%1{year}")
    assert "“{text}%1{year}”" in str(raised.value)


@pytest.mark.parametrize("module", _message_modules())
def test_no_message_is_named_twice(module):
    """A second template of the same name silently replaces the first: the other area's refusal then
    says the wrong thing (the shop's "void a redemption" once replaced the ledger's "reverse an entry")."""
    path = ROOT / (module.replace(".", "/") + ".py")
    seen: dict[str, int] = {}
    twice = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                if target.id in seen:
                    twice.append(f"{target.id} (lines {seen[target.id]} and {node.lineno})")
                seen[target.id] = node.lineno
    assert twice == [], f"{module}: {twice}"

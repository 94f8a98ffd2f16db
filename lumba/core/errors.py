"""Turning validation errors into messages that name the offending field."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError


def gettext_noop(message: str) -> str:
    """Marks a message template for the catalogue (lumba/locale): the core only
    names its messages; a front end translates them (Wording.render)."""
    return message


Translate = Callable[[str], str]
# How a problem of the input as a whole (empty, not JSON, not an object) names
# its field: the same in the terminal, --batch lines and the JSON API.
DOCUMENT = "(document)"


def untranslated(template: str) -> str:
    return template


@dataclass(frozen=True, slots=True)
class Wording:
    """A message as a whole translatable template with `{name}` fields, and the
    values for them. A value may itself be a Wording (a message placed in a
    frame such as "item {number}: {message}"), so word order stays the
    translator's to choose."""

    template: str
    values: tuple[tuple[str, str | Wording], ...] = ()

    def render(self, translate: Translate = untranslated) -> str:
        filled = {
            name: value.render(translate) if isinstance(value, Wording) else value
            for name, value in self.values
        }
        return translate(self.template).format(**filled) if filled else translate(self.template)


def say(template: str, **values: str | Wording) -> Wording:
    return Wording(template, tuple(values.items()))


def given(message: Wording, value: str) -> Wording:
    """A message with the value that was given, as the input wrote it."""
    return say(gettext_noop("{message} (got {value})"), message=message, value=value)


NOT_UTF8 = Wording(gettext_noop("the body is not UTF-8 text"))


def not_json(why: str | Wording) -> Wording:
    return say(gettext_noop("not valid JSON: {why}"), why=why)


def invalid_value(template: str, **values: str) -> PydanticCustomError:
    """For a validator: an error whose message keeps its template, so that
    the problem made from it can be translated."""
    return PydanticCustomError("lumba", template, {"lumba_template": template, **values})


def field_path(loc: tuple[Any, ...], indexes: bool = True) -> str:
    """('pain', 'locations', 0) -> 'pain.locations[0]' (or 'pain.locations')."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            if indexes:
                path += f"[{part}]"
        else:
            # A key from the input may hold anything; quote odd ones so a
            # message stays on one line and says exactly which key it means.
            name = part if part.isidentifier() else json.dumps(part, ensure_ascii=False)
            path += f".{name}" if path else name
    return path


_PLAIN = {
    "missing": gettext_noop("is required"),
    "extra_forbidden": gettext_noop("is not a known field"),
    "int_type": gettext_noop("must be a whole number"),
    "int_from_float": gettext_noop("must be a whole number"),
    "bool_type": gettext_noop("must be true or false"),
    "float_type": gettext_noop("must be a number"),
    "string_type": gettext_noop("must be text"),
    "list_type": gettext_noop("must be a list"),
    "model_type": gettext_noop("must be an object"),
    "model_attributes_type": gettext_noop("must be an object"),
    "dict_type": gettext_noop("must be an object"),
    "too_short": gettext_noop("must not be empty"),
}


# An answer lists this many problems at most: enough to fix a real input in
# one go, and a hostile one cannot make the answer grow with its size.
MAX_PROBLEMS = 25


@dataclass(frozen=True, slots=True)
class FieldProblem:
    field: str
    message: str  # in English
    # The message as a template with values, for a front end to translate.
    wording: Wording | None = dataclass_field(default=None, compare=False)

    @classmethod
    def of(cls, field: str, wording: Wording) -> FieldProblem:
        return cls(field, wording.render(), wording)

    @property
    def named(self) -> str:
        """The field, or DOCUMENT for the input as a whole."""
        return self.field or DOCUMENT

    def localized(self, translate: Translate) -> str:
        return self.wording.render(translate) if self.wording else self.message

    def described(self, translate: Translate = untranslated) -> str:
        """The field and the message: `pain.intensity: must be at most 10`."""
        return f"{self.named}: {self.localized(translate)}"

    def __str__(self) -> str:
        return self.described()


def problems(error: ValidationError, indexes: bool = False) -> list[FieldProblem]:
    """One plain problem per pydantic error, each naming its field path."""
    return problems_of([error], indexes)


def problems_of(errors: list[ValidationError], indexes: bool = False) -> list[FieldProblem]:
    """The problems of several errors as one list, capped as one."""
    total = sum(error.error_count() for error in errors)
    found: list[FieldProblem] = []
    for error in errors:
        # Only as many as can be shown are turned into messages.
        for item in error.errors(include_url=False)[: MAX_PROBLEMS - len(found)]:
            found.append(_problem(item, indexes))
    return capped(found, total)


def _problem(item: Any, indexes: bool) -> FieldProblem:
    loc = tuple(item["loc"])
    # pydantic adds the union branch or function name to the loc; drop them.
    loc = tuple(
        p for p in loc if not (isinstance(p, str) and ("[" in p or p.startswith("function-")))
    )
    message = _wording(item)
    if (
        item["type"] not in ("missing", "json_invalid")
        and "input" in item
        and not isinstance(item["input"], dict | list)
    ):
        message = given(message, _short(item["input"]))
    list_index = next((p for p in reversed(loc) if isinstance(p, int)), None)
    if not indexes and list_index is not None:
        message = say(
            gettext_noop("item {number}: {message}"), number=str(list_index + 1), message=message
        )
    return FieldProblem.of(field_path(loc, indexes=indexes), message)


def _wording(item: Any) -> Wording:
    plain = _PLAIN.get(item["type"])
    if plain:
        return Wording(plain)
    ctx = item.get("ctx") or {}
    if "lumba_template" in ctx:
        values = {k: str(v) for k, v in ctx.items() if k != "lumba_template"}
        return say(ctx["lumba_template"], **values)
    from_context = _from_context(item)
    if from_context:
        return from_context
    # A message pydantic wrote: kept as it is, in English.
    message = _lower_first(item["msg"]).removeprefix("value error, ")
    return say("{text}", text=message)


def capped(found: list[FieldProblem], total: int | None = None) -> list[FieldProblem]:
    """At most MAX_PROBLEMS problems, the last saying how many more there were."""
    total = len(found) if total is None else total
    if total <= MAX_PROBLEMS:
        return found
    shown = found[: MAX_PROBLEMS - 1]
    more = say(gettext_noop("and {count} more problems, not listed"), count=str(total - len(shown)))
    return [*shown, FieldProblem.of("", more)]


def _from_context(item: Any) -> Wording | None:
    ctx = item.get("ctx") or {}
    kind = item["type"]
    if kind == "less_than_equal":
        return say(gettext_noop("must be at most {limit}"), limit=str(ctx["le"]))
    if kind == "greater_than_equal":
        return say(gettext_noop("must be at least {limit}"), limit=str(ctx["ge"]))
    if kind == "literal_error":
        known = str(ctx["expected"])
        return say(gettext_noop("is not a known value; use one of {known}"), known=known)
    if kind == "json_invalid":
        return not_json(str(ctx.get("error", "cannot parse")))
    if kind == "finite_number":
        return Wording(gettext_noop("must be a finite number"))
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _short(value: Any) -> str:
    # Shown as JSON, the language the input was written in.
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= 40 else text[:37] + "..."

"""Typer's parameter coercion without pydantic, for the plain types jobcli's commands use.

This Typer coerces every parameter value through a pydantic ``TypeAdapter``,
built on first use, even for an option that was not given. Importing
pydantic and building the adapters costs more than everything else
``jobcli show ROLE --json`` does (about 60 ms against 15 ms). For the shapes
jobcli uses — ``bool``, ``str``, ``list[str]``, ``Path``, an ``Enum`` of choices — the
coercion is a few lines of Typer's own helpers, so :func:`install` does it
directly. Any other shape, and any value the fast path does not accept, goes
to Typer's own adapter, built when first needed (an absent option never
needs it): errors and their messages stay Typer's.

**Fenced.** These are Typer's internals, not its API, so nothing here may
break a command — at worst a call is slower:

- a Typer without them (an older one coerces through Click types, without
  pydantic) or with another shape: :func:`install` does nothing;
- the fast parameter cannot be built (an abstract method added to Typer's
  ``RuntimeParam``, a changed constructor): Typer's own is built instead;
- a converter fails in any way (a helper whose signature changed): the value
  goes to Typer's own adapter, which also words every error.

``tests/test_fast_paths.py`` simulates each; the Typer versions CI tests are
stated in ``pyproject.toml`` (``[tool.jobcli] typer-tested``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer import core

try:
    from typer._coercion import RuntimeParam, TypeDescriptor
    from typer._param_types import coerce_cli_choice, coerce_cli_path
except Exception:  # a Typer without these internals: install() leaves it alone
    TYPER_INTERNALS = False
else:
    # The shape this module was written against (Typer 0.2x); anything else is left alone.
    TYPER_INTERNALS = list(getattr(RuntimeParam, "__dataclass_fields__", ())) == [
        "parameter_info",
        "annotation",
    ]

if TYPE_CHECKING:
    from typer._click import Context
    from typer.core import _TyperParameter

#: A converter's answer for "not mine": let Typer's adapter decide.
_DECLINE: Any = object()

Converter = Callable[[Any, "_TyperParameter", "Context"], Any]


class FastRuntimeParam(RuntimeParam if TYPER_INTERNALS else object):  # type: ignore[misc]
    """Coerce with ``convert``; fall back to Typer's adapter (built once) when it declines."""

    # A plain subclass of Typer's frozen dataclass: @dataclass would generate (exec) its
    # methods at every start, for nothing.
    def __init__(
        self,
        descriptor: TypeDescriptor,
        convert: Converter,
        build_slow: Callable[[TypeDescriptor], RuntimeParam],
    ) -> None:
        super().__init__(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
        object.__setattr__(self, "descriptor", descriptor)
        object.__setattr__(self, "convert", convert)
        object.__setattr__(self, "build_slow", build_slow)
        object.__setattr__(self, "slow", None)

    descriptor: TypeDescriptor
    convert: Converter
    build_slow: Callable[[TypeDescriptor], RuntimeParam]
    slow: RuntimeParam | None

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        try:
            result = self.convert(value, param, ctx)
        except Exception:  # e.g. no such choice: Typer's adapter words the error
            result = _DECLINE
        if result is not _DECLINE:
            return result
        if self.slow is None:
            object.__setattr__(self, "slow", self.build_slow(self.descriptor))
        assert self.slow is not None
        return self.slow._coerce_value(value, param=param, ctx=ctx)


def install() -> None:
    """Make Typer coerce jobcli's plain parameter types without pydantic (idempotent)."""
    original = getattr(core, "build_runtime_param", None)
    if not TYPER_INTERNALS or original is None or getattr(original, "jobcli_fast", False):
        return

    def build_runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
        # Any other shape (an int with a minimum, ...) declines every value, so Typer's
        # adapter is built only when such an option is actually given.
        try:
            return FastRuntimeParam(descriptor, converter_for(descriptor) or _decline, original)
        except Exception:  # Typer's internals changed: its own coercion, only slower
            built: RuntimeParam = original(descriptor)
            return built

    build_runtime_param.jobcli_fast = True  # type: ignore[attr-defined]
    setattr(core, "build_runtime_param", build_runtime_param)  # noqa: B010 - not exported


def converter_for(descriptor: TypeDescriptor) -> Converter | None:
    """A pydantic-free converter with Typer's rules for this parameter, or None."""
    info = descriptor.parameter_info
    if info.parser is not None or descriptor.file_annotation is not None:
        return None
    annotation: Any = descriptor.annotation
    if annotation is str:
        return _as_str
    if annotation is bool:
        return _as_bool
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return _as_str_list
    if not isinstance(annotation, type):
        return None
    if issubclass(annotation, Enum):
        choices = tuple(annotation)

        def as_choice(value: Any, param: _TyperParameter, ctx: Context) -> Any:
            return coerce_cli_choice(
                value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx
            )

        return as_choice
    if issubclass(annotation, Path) and info.path_type is None:
        path_type = annotation

        def as_path(value: Any, param: _TyperParameter, ctx: Context) -> Any:
            if type(value) is str:
                value = path_type(value)  # what pydantic's lax Path validation does
            elif not isinstance(value, path_type):
                return _DECLINE
            # Typer's own checks (exists, readable, ...) and messages.
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)

        return as_path
    return None


def _decline(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    return _DECLINE


def _as_str(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    # Command-line values are already str; bytes and others go to Typer.
    return value if type(value) is str else _DECLINE


def _as_bool(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    # Flags arrive as bools; strings ("yes", "0" from an environment variable) go to Typer.
    return value if type(value) is bool else _DECLINE


def _as_str_list(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    if isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
        return list(value)
    return _DECLINE

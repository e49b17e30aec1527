"""Help and usage errors in jobcli's words, not its libraries'.

Typer writes a required argument as ``{ROLE}``, an optional one named ``[PATH]``
as ``[[PATH]]``, adds types such as ``<str>``, ``<list[str]>`` or ``<int range>``
and ranges such as ``[x>=1]``, and words a bad value with pydantic's message
("Value error, ...", "Input should be greater than or equal to 1"). :func:`install`
makes these read ``ROLE``, ``SKILL...``, ``[PATH]``, and "-n must be at least 1".
With a Typer whose internals differ, each patch is left out and Typer's wording stays.
"""

from __future__ import annotations

from typing import Any

#: pydantic's messages and jobcli's words for them; compiled (by ``re``'s cache) only
#: when a bad value is met, not at every start.
_PYDANTIC = (
    (r"Input should be greater than or equal to (\S+)", r"must be at least \1"),
    (r"Input should be greater than (\S+)", r"must be more than \1"),
    (r"Input should be less than or equal to (\S+)", r"must be at most \1"),
    (r"Input should be less than (\S+)", r"must be less than \1"),
    (r"Input should be a valid integer.*", "must be a whole number"),
    (r"Input should be a finite number.*", "must be a number"),
    (r"Input should be a valid number.*", "must be a number"),
    (r"Input should be a valid boolean.*", "must be true or false"),
    (r"Input should be (.*)", r"must be \1"),
    (r"Value error, (.*)", r"\1"),
)


def plain_message(text: str) -> str:
    """A pydantic validation message in plain words (``must be at least 1``)."""
    import re

    for pattern, replacement in _PYDANTIC:
        if re.match(pattern, text):
            return re.sub(pattern, replacement, text, count=1)
    return text


def param_name(param: Any) -> str:
    """How an error names a parameter: its first option name, or its metavar."""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "option" and opts:
        return str(opts[0])
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "value").upper()


def install() -> None:
    """Patch Typer's help and error wording (idempotent; a no-op on an unknown Typer)."""
    try:
        from typer import core
        from typer._click import exceptions
    except ImportError:  # pragma: no cover - another Typer
        return
    if getattr(exceptions.BadParameter.format_message, "jobcli", False):
        return
    argument = getattr(core, "TyperArgument", None)
    if argument is not None and hasattr(argument, "_usage_display_name"):

        def usage_name(self: Any) -> str:
            name = str(self.display_name_raw)
            if self.nargs != 1 and not name.endswith("..."):
                name += "..."
            return name if self.required else f"[{name}]"

        argument._usage_display_name = usage_name
    if argument is not None and hasattr(argument, "display_type_rich"):
        original_type = argument.display_type_rich

        def display_type(self: Any, ctx: Any) -> str | None:
            # An argument's metavar (ROLE, SKILL..., PATH) says what it is: no <str> after it.
            return None if self.metavar else original_type(self, ctx)

        argument.display_type_rich = display_type
    for cls_name in ("TyperArgument", "TyperOption"):
        cls = getattr(core, cls_name, None)
        if cls is not None and hasattr(cls, "_get_number_range_help_str"):
            cls._get_number_range_help_str = lambda self: None  # ranges are said in the help

    def format_message(self: Any) -> str:
        text = plain_message(str(self.message))
        if self.param is None and self.param_hint is None:
            return text[0].upper() + text[1:] if text else text
        hint = param_name(self.param) if self.param is not None else str(self.param_hint)
        return f"{hint} {text}" if text.startswith("must") else f"{hint}: {text}"

    format_message.jobcli = True  # type: ignore[attr-defined]
    exceptions.BadParameter.format_message = format_message  # type: ignore[method-assign]

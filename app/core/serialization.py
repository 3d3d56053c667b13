"""Dataclasses <-> plain JSON-compatible dicts, driven by type hints.

Storage, exports and the `--json` outputs all use this, so a field added to a dataclass appears in
every one of them without a second schema to keep in step.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Convert dataclasses (nested, in lists/dicts/tuples) and enums into JSON-compatible values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, list | tuple):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): to_dict(value) for key, value in obj.items()}
    if isinstance(obj, float) and obj != obj:  # NaN is not JSON
        return None
    return obj


def from_dict(cls: type[T], data: Any) -> T:
    """Build `cls` from `to_dict` output. Unknown keys are ignored; missing keys take defaults."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if value is None:
        if tp is Any or tp is type(None) or (origin in (typing.Union, types.UnionType) and type(None) in args):
            return None
        if tp is float:
            return float("nan")  # to_dict writes NaN as null
        raise TypeError(f"expected {getattr(tp, '__name__', tp)}, got null")
    if origin in (typing.Union, types.UnionType):
        non_none = [a for a in args if a is not type(None)]
        for candidate in non_none:
            try:
                return _convert(candidate, value)
            except (TypeError, ValueError, KeyError):
                continue
        raise TypeError(f"cannot convert {value!r} to {tp}")
    if origin in (list, tuple):
        item_type = args[0] if args else Any
        items = [_convert(item_type, v) for v in value]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        key_type, value_type = args if args else (Any, Any)
        return {_convert(key_type, k): _convert(value_type, v) for k, v in value.items()}
    if tp is Any:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        kwargs = {
            f.name: _convert(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.init and f.name in value
        }
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is float and isinstance(value, int | float):
        return float(value)
    if tp in (int, str, bool) and not isinstance(value, tp):
        raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
    return value

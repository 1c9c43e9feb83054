"""What a calculator is: its declared inputs and outputs, and the shape of its result.

Everything here is plain data so that the same declaration drives the command line,
the HTML form, validation and the browser runtime without any of them re-describing it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["integer", "number", "money", "percent", "choice", "toggle"]
"""How a field is typed and parsed. ``percent`` fields hold percent numbers (6 means 6%)."""

Unit = Literal["usd", "percent", "count", "usd_per_1k", "days", "rate"]
"""How an output or a fact is formatted for readers. ``rate``: an exchange rate, every digit its source gives."""

Value = float | int | str | bool | None
Values = dict[str, Value]


@dataclass(frozen=True)
class Field:
    """One reader input. Bounds are inclusive; ``None`` means unbounded."""

    name: str
    label: str
    default: Value
    kind: Kind = "number"
    unit: str = ""
    minimum: float | None = 0
    maximum: float | None = None
    step: float | None = None
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class Output:
    """One figure a calculator reports, as a low / typical / high range."""

    key: str
    label: str
    unit: Unit
    headline: bool = False
    help: str = ""


@dataclass(frozen=True)
class Range:
    """A low / typical / high estimate; arithmetic keeps the three in step."""

    low: float
    typical: float
    high: float

    @classmethod
    def of(cls, value: float) -> Range:
        return cls(value, value, value)

    def map(self, fn: Callable[[float], float]) -> Range:
        return Range(fn(self.low), fn(self.typical), fn(self.high))

    def __mul__(self, other: Range | float) -> Range:
        o = other if isinstance(other, Range) else Range.of(other)
        return Range(self.low * o.low, self.typical * o.typical, self.high * o.high)

    __rmul__ = __mul__

    def __add__(self, other: Range | float) -> Range:
        o = other if isinstance(other, Range) else Range.of(other)
        return Range(self.low + o.low, self.typical + o.typical, self.high + o.high)

    __radd__ = __add__

    def __sub__(self, other: Range | float) -> Range:
        """Subtracts the matching bound: use it for costs that scale with the same scenario."""
        o = other if isinstance(other, Range) else Range.of(other)
        return Range(self.low - o.low, self.typical - o.typical, self.high - o.high)

    def __truediv__(self, other: float) -> Range:
        return Range(self.low / other, self.typical / other, self.high / other)

    def ordered(self) -> Range:
        """The same three numbers sorted, for results where a 'low' input gives a higher figure."""
        low, typical, high = sorted((self.low, self.typical, self.high))
        return Range(low, typical, high)

    @property
    def is_single(self) -> bool:
        return self.low == self.typical == self.high


NoteLevel = Literal["info", "warning", "success"]


@dataclass(frozen=True)
class Note:
    """A sentence the reader must see next to the figures (an unmet eligibility gate, say)."""

    text: str
    level: NoteLevel = "info"


@dataclass(frozen=True)
class Bar:
    """One bar of a range chart."""

    label: str
    value: Range


@dataclass(frozen=True)
class Chart:
    """A horizontal range chart: each bar spans low–high with a mark at typical."""

    title: str
    unit: Unit
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Result:
    """What a compute function returns: figures, and everything needed to check them."""

    values: Mapping[str, Range]
    steps: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    facts: tuple[str, ...] = ()
    """The facts cited: filled in by the engine with every fact the compute read; a compute leaves it empty."""
    chart: Chart | None = None


@dataclass(frozen=True)
class AppliesWhen:
    """Fields that mean something only when another field holds one of some values.

    The coins field of the LIVE calculator applies only when "Start from" is coins; the
    subscription fields of the income overview only while its box is ticked. A field that
    does not apply is hidden on the page and its entry is ignored: the engine computes with
    its default, so nothing typed there can change a result.
    """

    fields: tuple[str, ...]
    controller: str
    values: tuple[Value, ...]

    def holds(self, values: Mapping[str, Value]) -> bool:
        return values.get(self.controller) in self.values


@dataclass(frozen=True)
class Group:
    """Fields that belong together (one method of the income overview), shown as one box."""

    title: str
    fields: tuple[str, ...]


class InputError(ValueError):
    """Raised by a compute function when inputs are individually valid but wrong together."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Calculator:
    """A registered calculator: declarations plus a pure compute function."""

    name: str
    title: str
    summary: str
    fields: tuple[Field, ...]
    outputs: tuple[Output, ...]
    compute: Callable[[Values], Result]
    page: str = ""
    primary: tuple[str, ...] = ()
    """The two or three fields that move the answer most, shown first; the rest sit under
    "More details" with their assumed values in view. Empty: every field is shown."""
    groups: tuple[Group, ...] = ()
    """Boxes of fields that belong together; fields in no group keep their place."""
    applies: tuple[AppliesWhen, ...] = ()
    _by_name: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"calculator {self.name!r} declares a field twice: {names}")
        self._by_name.update({f.name: f for f in self.fields})
        declared = set(names)
        mentioned = [*self.primary, *(n for g in self.groups for n in g.fields)]
        mentioned += [n for rule in self.applies for n in (*rule.fields, rule.controller)]
        unknown = sorted(set(mentioned) - declared)
        if unknown:
            raise ValueError(f"calculator {self.name!r} names fields it does not declare: {unknown}")
        grouped = [n for g in self.groups for n in g.fields]
        if len(set(grouped)) != len(grouped):
            raise ValueError(f"calculator {self.name!r} puts a field in two groups: {grouped}")

    def inapplicable(self, values: Mapping[str, Value]) -> set[str]:
        """The fields that do not apply to these (parsed) values: hidden, and computed with defaults."""
        # A controller that could not be read (its own message is shown) hides nothing.
        return {
            name
            for rule in self.applies
            if rule.controller in values and not rule.holds(values)
            for name in rule.fields
        }

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def output(self, key: str) -> Output:
        for out in self.outputs:
            if out.key == key:
                return out
        raise KeyError(f"calculator {self.name!r} has no output {key!r}")


def num(values: Values, name: str) -> float:
    """A parsed numeric input as a float (validation guarantees it is one)."""
    value = values[name]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"input {name!r} is not a number: {value!r}")
    return float(value)


def optional_num(values: Values, name: str) -> float | None:
    """A parsed optional numeric input, or ``None`` when the reader left it empty."""
    return None if values.get(name) is None else num(values, name)

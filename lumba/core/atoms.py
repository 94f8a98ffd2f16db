"""Conditions compiled to bits, for the triage hot path.

Conditions have no negation, so each is exactly an "or" of terms, each term
an "and" of leaf tests (one key: `weeks` 20 to 36, `symptoms_any` [...]). A
leaf test reads one Facts field, so for each field and value it is known
which terms that field lets through. A TermTable numbers the terms of every
condition it is given and remembers, per field and value, the terms that
field lets through; the terms that hold for some facts are then the "and"
of a dict look-up per field, one int with a bit per term. A condition holds
when one of its term bits is set: the same answer as Condition.compile(),
for every rule and card at once, instead of a chain of calls per condition.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any, NamedTuple

from lumba.core.conditions import Condition, Leaf, Predicate
from lumba.core.facts import Facts

# Field values remembered per field. The vocabularies keep most fields far
# below this; sets of symptoms are the exception, and past it are computed.
_CACHE_LIMIT = 4096
_POSITION = {name: index for index, name in enumerate(Facts._fields)}
# Fields with few values between them are read together, with one look-up
# (11 intensities x 2 onsets x 3 patterns x 3 impacts x 8 flag sets; a blood
# pressure is a pair): fewer look-ups per line, and still few values to keep.
_READ_TOGETHER = (
    ("intensity", "pain_band", "onset", "pattern", "impact", "flags"),
    ("systolic", "diastolic"),
)


class _Field(NamedTuple):
    """One field, or fields read together (then their values as a tuple)."""

    get: Callable[[Facts], Any]
    atoms: tuple[tuple[int, Predicate], ...]  # (atom bit, leaf test reading these fields)
    mask: int  # the bits of those atoms
    seen: dict[Any, int]  # value -> the term bits these fields let through


class TermTable:
    """Numbers the terms of conditions, then reads Facts into term bits.

    Every condition is added before the first read: reading fixes the table,
    since a term added later would be missing from remembered values.
    """

    def __init__(self) -> None:
        self._atom_of: dict[Leaf, int] = {}  # leaf -> atom bit
        self._tests: dict[str, list[tuple[int, Predicate]]] = {}  # field -> atoms
        self._terms: list[int] = []  # term number -> the atom bits it needs
        self._fields: tuple[_Field, ...] | None = None

    @property
    def width(self) -> int:
        """How many term bits there are so far: the next condition's starts here."""
        return len(self._terms)

    def add(self, condition: Condition) -> int:
        """The term bits of a condition: it holds when one of them is set. The
        bits of one condition follow each other, after those added before."""
        if self._fields is not None:
            raise AssertionError("conditions must be added before facts are read")
        start = len(self._terms)
        masks = (sum(self._atom(leaf) for leaf in term) for term in condition.terms())
        self._terms.extend(dict.fromkeys(masks))
        return ((1 << len(self._terms)) - 1) ^ ((1 << start) - 1)

    def _atom(self, leaf: Leaf) -> int:
        if leaf not in self._atom_of:
            atom = 1 << len(self._atom_of)
            self._atom_of[leaf] = atom
            self._tests.setdefault(leaf.key.fact, []).append((atom, leaf.test))
        return self._atom_of[leaf]

    def read(self, facts: Facts) -> int:
        """One bit set for each term that holds for these facts."""
        fields = self._fields
        if fields is None:
            fields = self._fields = self._fixed()
        held = (1 << len(self._terms)) - 1
        for get, atoms, mask, seen in fields:
            value = get(facts)
            through = seen.get(value)
            if through is None:
                through = self._let_through(atoms, mask, facts)
                if len(seen) < _CACHE_LIMIT:
                    seen[value] = through
            held &= through
        return held

    def _fixed(self) -> tuple[_Field, ...]:
        together = [names for names in _READ_TOGETHER if any(n in self._tests for n in names)]
        alone = [(n,) for n in self._tests if not any(n in names for names in together)]
        fields = []
        for names in together + alone:
            atoms = tuple(atom for name in names for atom in self._tests.get(name, ()))
            get = itemgetter(*(_POSITION[name] for name in names))
            fields.append(_Field(get, atoms, sum(a for a, _ in atoms), {}))
        return tuple(fields)

    def _let_through(
        self, atoms: tuple[tuple[int, Predicate], ...], mask: int, facts: Facts
    ) -> int:
        """The terms whose tests on one field (these atoms) all hold for these facts."""
        failed = mask ^ sum(atom for atom, test in atoms if test(facts))
        return sum(1 << n for n, term in enumerate(self._terms) if not term & failed)

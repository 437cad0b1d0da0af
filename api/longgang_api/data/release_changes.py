"""Where a record of an earlier release has gone: the change lists read forward.

A client that kept an id of an earlier release asks for it by that id; when a
later release renamed or removed it, the answer (still a 404) says so, names
the release and the id or ids that hold it now.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from longgang_api.data.model import ChangeList

#: A change list's counts in one sentence (previous version, added, removed, renamed,
#: values changed): the release feed's entries and the releases page say it alike.
SUMMARY = {
    "zh": "与 {} 相比：新增 {} 条记录，删除 {} 条，改名 {} 条，更改 {} 个值。",
    "en": "Since {}: {} records added, {} removed, {} renamed, {} values changed.",
}


def summary(changes: ChangeList, lang: Literal["zh", "en"]) -> str:
    """The counts of ``changes`` in one sentence, in ``lang``."""
    return SUMMARY[lang].format(
        changes.previous_version,
        len(changes.added),
        len(changes.removed),
        len(changes.renamed),
        len(changes.values_changed),
    )


@dataclass(frozen=True, slots=True)
class Gone:
    """What became of an id: the sentence for the problem's detail and the ids now."""

    detail: str
    ids: tuple[str, ...]


def gone(changes: Sequence[ChangeList], collection: str, noun: str, id_: str) -> Gone | None:
    """What the releases did to ``id_`` of ``collection`` (a ``noun`` each), or None if none
    of them had it."""
    steps: list[str] = []
    current: tuple[str, ...] = (id_,)
    # The lists are newest first; an id's story reads oldest first.
    for change in reversed(changes):
        renamed = {r.old_id: r.new_id for r in change.renamed if r.collection == collection}
        removed = {r.id: r for r in change.removed if r.collection == collection}
        following: list[str] = []
        for each in current:
            if each in renamed:
                following.append(renamed[each])
                steps.append(f"renamed {each!r} to {renamed[each]!r} in release {change.version}")
            elif each in removed:
                record = removed[each]
                following.extend(record.replaced_by)
                successors = ", ".join(repr(s) for s in record.replaced_by)
                steps.append(
                    f"removed {each!r} in release {change.version} ({record.reason})"
                    + (f"; see {successors}" if successors else "")
                )
            else:
                following.append(each)
        current = tuple(following)
    if not steps:
        return None
    return Gone(f"no {noun} with id {id_!r}: " + "; ".join(steps), current)

"""People written with a nickname between their names: 'Luis Gerardo "Jerry" Ortiz'.

An article that writes "Kimani (Kiki) Gray" or 'Earvin "Magic" Johnson' says that
the nickname with the surname ("Kiki Gray", "Magic Johnson") and the name without
it ("Kimani Gray", "Earvin Johnson") are one person, and that the nickname alone
("Kiki") is that person in the article. The digests record each such name
(``ArticleDigest.nicknames``); ``Nicknames`` gathers them over a collection.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.linking.people import full_names_compatible


class Nicknames:
    """The nicknames a collection writes between people's names.

    Args:
        records: every article's ``ArticleDigest.nicknames``: ``(key of the name
            without the nickname, key of the nickname with the surname, key of the
            nickname)``.
    """

    def __init__(self, records: Iterable[tuple[str, str, str]]) -> None:
        self.records = sorted(set(records))
        # The nickname with the surname -> the name without it, where only one name
        # (or only names of one person) is written with it.
        given: dict[str, set[str]] = {}
        for name, nicknamed, _ in self.records:
            given.setdefault(nicknamed, set()).add(name)
        self._names = {
            nicknamed: min(names)
            for nicknamed, names in given.items()
            if all(full_names_compatible(a, b) for a in names for b in names)
        }

    def compatible(self, a: str, b: str) -> bool:
        """Whether two full person names may be one person, a name written with a
        nickname ("Jerry Ortiz") standing for the name written without it ("Luis
        Gerardo Ortiz")."""
        names = self._names
        return full_names_compatible(names.get(a, a), names.get(b, b), fuzzy=True)

    def pairs(self) -> list[tuple[str, str]]:
        """``(name without the nickname, nickname with the surname)``, each once."""
        return sorted({(name, nicknamed) for name, nicknamed, _ in self.records})

    def alone(self) -> list[tuple[str, str]]:
        """``(nickname alone, name without the nickname)``, each once: "kiki" and
        "kimani gray"."""
        return sorted({(nick, name) for name, _, nick in self.records if " " not in nick})

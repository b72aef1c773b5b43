"""The words and labels speaker rules share: organization nouns, statement nouns, labels.

Plain data, read by the speaker resolution and the pronoun rules alike.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Entity labels a speaker can resolve to.
SPEAKER_LABELS = frozenset(("PERSON", "ORG", "GPE", "NORP"))
ORG_LABELS = frozenset(("ORG", "GPE", "NORP"))
#: Head nouns of organizations that NER often leaves unnamed ("the defence ministry").
ORG_NOUNS = _words(
    """
    ministry department government office agency army military police embassy council committee
    commission court parliament administration service services company firm bank party
    campaign team club union board bureau foundation institute organization organisation group
    coalition cabinet kremlin command navy force forces guard senate congress assembly
    prosecutor prosecutors presidency
    """
)
#: Nouns for statements and messages that "said" something on an organization's behalf.
STATEMENT_NOUNS = _words(
    """
    statement release communique communiqué report letter message post tweet notice
    """
)
#: Head nouns of people who speak for an organization: the organization named in
#: the description is the speaker ("a Surrey Police spokeswoman").
SPOKES_NOUNS = _words(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen spokeswomen representative
    representatives official officials source sources
    """
)
SPEAKING_FOR_NOUNS = ORG_NOUNS | STATEMENT_NOUNS | SPOKES_NOUNS
#: Labels of places: a speaker never resolves to one of these.
PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))

"""The narrative sum check on a corpus of sentences as real reports write them.

    python -m tests.parsers.test_narrative_corpus

prints the share of true sum errors found and the false alarms.
"""

from __future__ import annotations

import pytest

from model.narrative_rules import narrative_sum
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from tests.parsers.narrative_corpus import SUMS


def sum_severities(sentence: str) -> list[str]:
    report = recognize(normalize(sentence).text)
    return [f.severity for f in narrative_sum(report)]


@pytest.mark.parametrize(("sentence", "expected"), SUMS, ids=[s[:24] for s, _ in SUMS])
def test_sum_sentence(sentence: str, expected: str | None) -> None:
    assert sum_severities(sentence) == ([expected] if expected else [])


def scores() -> dict[str, int]:
    """Errors in the corpus found (with the right severity), missed, and false alarms."""
    out = {"errors": 0, "found": 0, "wrong_severity": 0, "clean": 0, "false_alarms": 0}
    for sentence, expected in SUMS:
        got = sum_severities(sentence)
        if expected:
            out["errors"] += 1
            out["found"] += got == [expected]
            out["wrong_severity"] += bool(got) and got != [expected]
        else:
            out["clean"] += 1
            out["false_alarms"] += bool(got)
    return out


if __name__ == "__main__":
    s = scores()
    print(
        f"sum errors found: {s['found']}/{s['errors']} ({s['wrong_severity']} with another severity); "
        f"false alarms: {s['false_alarms']}/{s['clean']} sentences that add up or state no breakdown"
    )

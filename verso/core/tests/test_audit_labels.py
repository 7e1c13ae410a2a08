import re
from pathlib import Path

from verso.core.audit_labels import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2]


def test_every_audit_action_written_by_the_code_has_words():
    written = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text()))
    assert written - set(ACTION_LABELS) == set()

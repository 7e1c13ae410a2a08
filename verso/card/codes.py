"""Card codes: an unguessable, typable code with a check character, and its keyed digest.

A card is born from one random secret (the holder's link token, 256 bits). The typable
code is derived from it with a keyed hash: 16 characters of Crockford's base-32 alphabet
(no I, L, O or U, which look like 1, 1, 0 and V) — 80 bits — and one Luhn mod 32 check
character, which catches every single mistyped character and most swaps of neighbours.
The database keeps only keyed digests (HMAC-SHA256) of the code and of the link token:
a leaked database gives neither, and the code can be shown again from the holder's link.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
N = len(ALPHABET)
BODY_LENGTH = 16
CODE_LENGTH = BODY_LENGTH + 1
# What people type for what they see: Crockford's reading of look-alike characters.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
SEPARATORS = str.maketrans("", "", " -_.\t")


class MalformedCode(ValueError):
    """The input is not a card code; ``wrong_check`` when only the check character fails."""

    def __init__(self, wrong_check: bool = False) -> None:
        super().__init__("wrong check character" if wrong_check else "malformed code")
        self.wrong_check = wrong_check


def _key() -> bytes:
    return (getattr(settings, "VERSO_CARD_CODE_KEY", "") or settings.SECRET_KEY).encode()


def _mac(purpose: str, value: str) -> bytes:
    return hmac.new(_key(), f"{purpose}:{value}".encode(), hashlib.sha256).digest()


def check_character(body: str) -> str:
    """Luhn mod N over ALPHABET: the character that makes the whole code check out."""
    factor = 2
    total = 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        factor = 1 if factor == 2 else 2
        total += addend // N + addend % N
    return ALPHABET[(N - total % N) % N]


def is_valid(code: str) -> bool:
    return (
        len(code) == CODE_LENGTH
        and all(c in ALPHABET for c in code)
        and check_character(code[:-1]) == code[-1]
    )


def normalise(text: str) -> str:
    """The code as typed or scanned → its canonical form; MalformedCode if it cannot be one."""
    if not isinstance(text, str) or len(text) > 64:
        raise MalformedCode
    code = text.upper().translate(SEPARATORS).translate(LOOK_ALIKES)
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        raise MalformedCode
    if check_character(code[:-1]) != code[-1]:
        raise MalformedCode(wrong_check=True)
    return code


def code_for_link(link_token: str) -> str:
    """The card's code, derived from its secret link token with the installation's key."""
    raw = int.from_bytes(_mac("card-code", link_token)[:10], "big")  # 80 bits
    body = "".join(ALPHABET[(raw >> (5 * i)) & 31] for i in range(BODY_LENGTH))
    return body + check_character(body)


def code_digest(code: str) -> str:
    return _mac("card-code-digest", code).hex()


def link_digest(link_token: str) -> str:
    return _mac("card-link-digest", link_token).hex()


def display(code: str) -> str:
    """Grouped for reading aloud and typing: XXXX-XXXX-XXXX-XXXXX."""
    return "-".join([code[0:4], code[4:8], code[8:12], code[12:]])


def new_reference() -> str:
    """A card number for staff (not a secret): finds a lost card for revocation."""
    return "K" + "".join(secrets.choice(ALPHABET) for _ in range(7))


@dataclass(frozen=True)
class NewCardSecret:
    link_token: str
    code: str

    @classmethod
    def generate(cls) -> "NewCardSecret":
        token = secrets.token_urlsafe(32)
        return cls(link_token=token, code=code_for_link(token))

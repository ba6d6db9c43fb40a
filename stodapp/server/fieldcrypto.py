"""Client-side field encryption and keyed blind indexes for server mode.

Every identifying field leaves the laptop as AES-256-GCM ciphertext under a subkey of the unit's data key. The
associated data binds it to unit, table, column, row id and key version, so a ciphertext copied to another row or
column (or another unit's database) fails to decrypt with `TamperedField`. Search uses HMAC-SHA256 blind indexes
under separate HKDF subkeys: personnummer exact (all 12 digits), names by normalised token and by token prefix.
What this leaks is written in docs/server-mode.md.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata

from stodapp.errors import StoreCorrupt
from stodapp.i18n import _
from stodapp.store.database import derive_subkey

FORMAT = 1
NONCE_BYTES = 12
INDEX_BYTES = 16  # truncated HMAC: 128 bits is plenty for equality lookups
_TOKEN = re.compile(r"\w+", re.UNICODE)


class TamperedField(StoreCorrupt):
    """A ciphertext that does not belong where it was found (moved, edited, or from another key)."""


def normalise(text: str) -> str:
    """NFC + casefold: Å→å, but å/ä/ö stay distinct from a/o (like the local FTS5 unicode61 remove_diacritics 0)."""
    return unicodedata.normalize("NFC", text).casefold()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


def digits(text: str) -> str:
    """Personnummer in any spelling (YYYYMMDD-NNNN, YYMMDDNNNN, with +) -> its digits."""
    return "".join(ch for ch in text if ch.isdigit())


class FieldCipher:
    """Encrypt/decrypt one field value bound to (table, column, row id)."""

    def __init__(self, dek: bytes, unit_id: str, key_version: int = 1) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aes = AESGCM(derive_subkey(dek, b"server-field"))
        self._unit = unit_id
        self.key_version = key_version

    def _aad(self, table: str, column: str, row_id: str, key_version: int) -> bytes:
        return f"stodapp-field|v{FORMAT}|{self._unit}|{table}|{column}|{row_id}|k{key_version}".encode()

    def encrypt(self, table: str, column: str, row_id: str, value: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        header = bytes([FORMAT]) + self.key_version.to_bytes(2, "big")
        ct = self._aes.encrypt(nonce, value.encode("utf-8"), header + self._aad(table, column, row_id,
                                                                                    self.key_version))
        return header + nonce + ct

    def decrypt(self, table: str, column: str, row_id: str, blob: bytes | memoryview | None) -> str:
        from cryptography.exceptions import InvalidTag

        if blob is None:
            raise TamperedField(
                _("ett krypterat fält saknas ({table}.{column}, rad {row_id})").format(
                    table=table, column=column, row_id=row_id
                )
            )
        data = bytes(blob)
        if len(data) < 3 + NONCE_BYTES + 16 or data[0] != FORMAT:
            raise TamperedField(
                _("ett krypterat fält har fel format ({table}.{column}, rad {row_id})").format(
                    table=table, column=column, row_id=row_id
                )
            )
        header, nonce, ct = data[:3], data[3 : 3 + NONCE_BYTES], data[3 + NONCE_BYTES :]
        version = int.from_bytes(header[1:3], "big")
        try:
            plain = self._aes.decrypt(nonce, ct, header + self._aad(table, column, row_id, version))
        except InvalidTag:
            raise TamperedField(
                _(
                    "ett krypterat fält hör inte hemma här eller har ändrats utanför stodapp ({table}.{column}, rad "
                    "{row_id}); inget har sparats"
                ).format(table=table, column=column, row_id=row_id)
            ) from None
        return plain.decode("utf-8")

    def encrypt_optional(self, table: str, column: str, row_id: str, value: str | None) -> bytes | None:
        return None if value is None else self.encrypt(table, column, row_id, value)

    def decrypt_optional(self, table: str, column: str, row_id: str, blob: bytes | memoryview | None) -> str | None:
        return None if blob is None else self.decrypt(table, column, row_id, blob)


class BlindIndex:
    """Keyed equality tokens. Separate subkeys per kind so a personnummer index never equals a name index."""

    def __init__(self, dek: bytes, unit_id: str) -> None:
        self._pnr = derive_subkey(dek, b"server-bidx-pnr|" + unit_id.encode())
        self._name = derive_subkey(dek, b"server-bidx-name|" + unit_id.encode())

    @staticmethod
    def _mac(key: bytes, value: str) -> bytes:
        return hmac.new(key, value.encode("utf-8"), hashlib.sha256).digest()[:INDEX_BYTES]

    def personnummer(self, pnr: str) -> bytes | None:
        """The index of a stored number (YYYYMMDD-NNNN: all 12 digits, so the century counts, as locally)."""
        d = digits(pnr)
        return self._mac(self._pnr, d) if len(d) == 12 else None

    def personnummer_query(self, query: str) -> list[bytes]:
        """Index values a typed whole number may have: 12 digits exactly; 10 digits in either century (as the
        local search tries both); [] for anything else (the server cannot search a prefix of a number)."""
        d = digits(query)
        if len(d) == 12:
            return [self._mac(self._pnr, d)]
        if len(d) == 10:
            return [self._mac(self._pnr, century + d) for century in ("19", "20")]
        return []

    def name_terms(self, *names: str) -> set[bytes]:
        """Index terms for a person's names: every whole token ("t:") and every prefix of length >= 1 ("p:")."""
        terms: set[bytes] = set()
        for name in names:
            for tok in tokens(name):
                terms.add(self._mac(self._name, "t:" + tok))
                for n in range(1, len(tok) + 1):
                    terms.add(self._mac(self._name, "p:" + tok[:n]))
        return terms

    def query_terms(self, query: str) -> list[bytes]:
        """A search for words: all but the last must be whole tokens, the last is a prefix (as the local search)."""
        words = tokens(query)
        if not words:
            return []
        out = [self._mac(self._name, "t:" + w) for w in words[:-1]]
        out.append(self._mac(self._name, "p:" + words[-1]))
        return list(dict.fromkeys(out))

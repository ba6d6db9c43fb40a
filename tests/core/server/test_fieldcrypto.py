"""Field encryption binds ciphertext to its place; blind indexes are keyed, å/ä/ö-aware and prefix-capable."""

from __future__ import annotations

import pytest

from stodapp.server.fieldcrypto import BlindIndex, FieldCipher, TamperedField

DEK = bytes(range(32))


def test_roundtrip_and_moved_ciphertext_fails() -> None:
    f = FieldCipher(DEK, "unit1")
    blob = f.encrypt("persons", "given_ct", "c1/p1", "Åsa-Zilla")
    assert b"Zilla" not in blob
    assert f.decrypt("persons", "given_ct", "c1/p1", blob) == "Åsa-Zilla"
    for table, column, row in (("persons", "given_ct", "c1/p2"), ("persons", "family_ct", "c1/p1"),
                               ("case_notes", "given_ct", "c1/p1")):
        with pytest.raises(TamperedField, match="hör inte hemma"):
            f.decrypt(table, column, row, blob)
    with pytest.raises(TamperedField):
        FieldCipher(DEK, "unit2").decrypt("persons", "given_ct", "c1/p1", blob)
    flipped = bytearray(blob)
    flipped[-1] ^= 1
    with pytest.raises(TamperedField):
        f.decrypt("persons", "given_ct", "c1/p1", bytes(flipped))


def test_blind_index_terms() -> None:
    idx = BlindIndex(DEK, "unit1")
    terms = idx.name_terms("Örjan", "Åkesson-Zilla")
    assert all(t in terms for t in idx.query_terms("åkes"))
    assert all(t in terms for t in idx.query_terms("ÖRJAN åk"))
    assert not all(t in terms for t in idx.query_terms("akes"))  # å is not a
    assert not all(t in terms for t in idx.query_terms("örja zilla"))  # non-last words are whole tokens
    assert idx.personnummer("19121212-1212") == idx.personnummer("191212121212")
    assert idx.personnummer("19121212-1212") != idx.personnummer("20121212-1212")  # the century counts
    assert idx.personnummer_query("121212-1212") == [idx.personnummer("19121212-1212"),
                                                     idx.personnummer("20121212-1212")]
    assert idx.personnummer_query("19121212-1212") == [idx.personnummer("19121212-1212")]
    assert idx.personnummer_query("1912121") == []
    assert idx.personnummer("19121212-1212") != BlindIndex(DEK, "unit2").personnummer("19121212-1212")
    assert idx.personnummer("12") is None

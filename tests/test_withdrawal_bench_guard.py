"""The stream bench's error listings never print the text of a document the labelled set holds out."""
from __future__ import annotations

from bench.withdrawal import _shown, heldout_doc_ids


def test_a_held_out_documents_text_is_not_shown():
    held_out = heldout_doc_ids()
    assert held_out, "the labelled set has a held-out part"
    doc = sorted(held_out)[0]
    assert "انسحاب" not in _shown(doc, "انسحاب القوات", held_out)


def test_a_development_documents_text_is_shown_cut_to_200_characters():
    text = "انسحاب القوات " * 30
    shown = _shown("a-development-document", text, {"another"})
    assert shown == text[:200]

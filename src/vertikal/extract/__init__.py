"""Suggest codings from a new text: find the provisions in which the head of state acts.

:func:`suggest` reads a parsed text (:func:`vertikal.texts.parse`) with the pattern file of its
language (``data/patterns/<lang>.yaml``) and proposes, for each codebook item it finds, a coding
with a status, the bodies it is shared with, attributes, the provision it rests on and a score.
:func:`evaluate` compares the proposals with a version's curated codings; :func:`accept` writes
chosen proposals into a version's codings file as low-confidence codings for a human to confirm.

>>> import vertikal
>>> from vertikal import extract, texts
>>> text = "Article 9\\n\\nThe President: 1) grants pardons; 2) is elected for a term of 5 years.\\n"
>>> found = extract.suggest(texts.parse(text), vertikal.load().codebook)
>>> [(p.item, p.status, p.cite) for p in found.proposals]
[('pardon', 'sole', ['art_9']), ('term_length', 'sole', ['art_9'])]
"""

from vertikal.extract.accept import AcceptError, AcceptResult, accept
from vertikal.extract.evaluate import Evaluation, evaluate, held_out
from vertikal.extract.find import suggest
from vertikal.extract.model import Extraction, Proposal
from vertikal.extract.patterns import PatternError

__all__ = [
    "AcceptError",
    "AcceptResult",
    "Evaluation",
    "Extraction",
    "PatternError",
    "Proposal",
    "accept",
    "evaluate",
    "held_out",
    "suggest",
]

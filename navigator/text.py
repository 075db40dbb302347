"""Text helpers shared by search and places: one normalisation for everything typed."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

#: Longest text we look at; longer input is cut, never an error.
MAX_QUERY_CHARS = 200


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: 'Créer ma boîte !' → 'creer ma boite'."""
    text = unicodedata.normalize("NFKD", text[: MAX_QUERY_CHARS * 4].casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("œ", "oe").replace("æ", "ae").replace("_", " ")
    return _NON_WORD.sub(" ", text).strip()

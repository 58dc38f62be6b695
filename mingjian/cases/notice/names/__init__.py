"""Person names: candidates by shape and context, scored by role and repetition.

``core`` reads names (shapes, spans after posts, decision lists, removal items); ``select`` gathers
the candidates and chooses the people the case is about.
"""

from .core import NameCandidate, removal_posts, surname_len
from .select import main_candidates, main_names, name_candidates

__all__ = [
    "NameCandidate",
    "main_candidates",
    "main_names",
    "name_candidates",
    "removal_posts",
    "surname_len",
]

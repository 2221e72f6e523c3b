"""Privacy: the pseudonymisation key, `realist pseudonymise` and `realist check --privacy`.

>>> from realist.privacy import load_key, pseudonymise, check_privacy  # doctest: +SKIP
"""

from __future__ import annotations

from realist.privacy.key import Key, add_terms, default_key_path, key_path_for, load_key
from realist.privacy.match import Matcher, fold
from realist.privacy.scan import check_privacy

__all__ = ["Key", "Matcher", "add_terms", "check_privacy", "default_key_path", "fold", "key_path_for", "load_key"]

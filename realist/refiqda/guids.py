"""Stable GUIDs: every object we export gets a uuid5 of what it is, so exporting twice gives
the same GUIDs and re-exports diff cleanly in the other tool.
"""

from __future__ import annotations

import re
import uuid
from functools import cache

#: the namespace of every GUID realist mints (itself uuid5(URL, "https://realist.invalid/refi-qda"))
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://realist.invalid/refi-qda")
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")


@cache  # the same coder and code GUIDs are asked for once per excerpt
def guid(kind: str, *key: str) -> str:
    """The GUID of one of our objects: lowercase, ``8-4-4-4-12``.

    >>> guid("theory", "alpha") == guid("theory", "alpha") != guid("theory", "beta")
    True
    """
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((kind, *key))))


def same(value: str | None) -> str | None:
    """A GUID as read, made comparable: lowercase, no braces (None when it is not a GUID).

    >>> same("{ABCDEF01-2345-6789-ABCD-EF0123456789}")
    'abcdef01-2345-6789-abcd-ef0123456789'
    """
    if value is None:
        return None
    match = _GUID.match(value.strip())
    return match.group(1).lower() if match else None

"""The theory graph: one networkx model of theories, elements, evidence, excerpts and phases.

>>> from realist.graph import build, audit        # doctest: +SKIP
>>> g = build(project)                            # doctest: +SKIP
"""

from realist.graph.audit import Audit, audit
from realist.graph.build import EDGE_TYPES, NODE_TYPES, build, node_id
from realist.graph.profile import Profile, profiles, theory_profile

__all__ = ["EDGE_TYPES", "NODE_TYPES", "Audit", "Profile", "audit", "build", "node_id", "profiles",
           "theory_profile"]

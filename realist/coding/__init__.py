"""Coding: anchoring, queries, autocode, matrices and agreement."""

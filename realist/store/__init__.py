"""YAML <-> model: loading with positions, validation, atomic writes, careful edits."""

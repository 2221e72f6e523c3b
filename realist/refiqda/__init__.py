"""REFI-QDA exchange: .qdpx projects and .qdc codebooks for NVivo, ATLAS.ti, MAXQDA, QualCoder...

The mapping between a realist project and REFI-QDA is documented in ``docs/refi-qda.md``.
"""

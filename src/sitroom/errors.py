"""The errors sitroom raises.

    SitroomError
     +-- IngestError    an input that is not an article we can read (names the input and the reason)
     +-- StageError     a stage failed on one document (names the stage and the document)
     +-- ConfigError    a bad setting (names the setting, the value and what is allowed)
     +-- EvalError      evaluation data missing or unreadable
     +-- StoreError     the store cannot be opened, read or written (names the store or the query)

Library code raises; only batch boundaries (``pipeline.run_many``, the CLI) catch.
"""

from __future__ import annotations


class SitroomError(Exception):
    """Base of every error sitroom raises on purpose."""


class IngestError(SitroomError):
    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


class StageError(SitroomError):
    def __init__(self, stage: str, doc_id: str, reason: str) -> None:
        super().__init__(f"stage {stage!r} failed on {doc_id}: {reason}")
        self.stage = stage
        self.doc_id = doc_id
        self.reason = reason


class ConfigError(SitroomError):
    pass


class EvalError(SitroomError):
    pass


class StoreError(SitroomError):
    pass

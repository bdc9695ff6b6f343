"""One exception family for errors a person can cause and act on.

Anything that is not a `QariError` is a bug: it is logged with its traceback.
"""


class QariError(Exception):
    """An error the user can act on; `str(err)` is a complete sentence for them."""


class ReadError(QariError):
    """A file could not be turned into an article (empty, binary, corrupt, unsupported...)."""


class ModelError(QariError):
    """A recognizer's model is missing or corrupt; the message says how to rebuild or install it."""


class DataFormatError(QariError):
    """Input data (a CoNLL file, say) is malformed; the message names the line."""


class StoreError(QariError):
    """The local library could not be read or written."""

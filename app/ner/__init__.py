"""Named entity recognition: recognizers, features, training, scoring and entity grouping. No Qt.

Nothing here imports torch at module level: the camel-tools recognizer imports it lazily, when chosen.
"""

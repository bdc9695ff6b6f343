"""Text in: decoding, readers, Arabic normalization and the tokenizer. No Qt."""

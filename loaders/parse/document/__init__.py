"""A document as printed: its tables found by title, metadata, parts, corrections, admission, narrative."""

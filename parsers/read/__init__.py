"""Bytes to text and grids: sniffing, decoding, normalising, one reader per file type. No Qt."""

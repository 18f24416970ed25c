"""The file name endings the program reads, by kind (light: no reader is imported)."""

from __future__ import annotations

TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
WORD_SUFFIXES = {".docx"}
OLD_WORD_SUFFIXES = {".doc", ".wps"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | WORD_SUFFIXES | OLD_WORD_SUFFIXES | {".pdf", ".xlsx", ".xls"}

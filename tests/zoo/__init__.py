"""The layout zoo: report files whose table values are known, in every layout real
reports come in, and the property the recognizer must hold on each.

- `form`: the official forms from FORMAT.md (the zoo's own copy, not the program's);
- `tablesets`: complete, consistent table sets — the seeds' (`seed_tables.json`), the
  devset's (`tests/data/devset/`) and random ones from a seeded generator;
- `prose`, `document`: a whole report around a set (title, six sections, the tables as
  printed texts) and what the program must find in it;
- `transforms`, `perturb`: the hostile variants of the issue, and random perturbations;
- `layouts`: 40-odd ways to write a report to a file (web-page text, PDF text, OCR
  Markdown, clean text, HTML, Word, PDFs made by LibreOffice …);
- `cases`, `check`: the case list and the judgement of one case;
- `test_zoo`: the property test; `python -m tests.zoo` the per-layout figures.
"""

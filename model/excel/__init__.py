"""The workbooks: the official layout written and read back, styles, marks, the batch summary."""

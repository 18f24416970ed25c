"""Text and grids to a Report: sections, metadata, table rows and cells, narrative claims. No Qt."""

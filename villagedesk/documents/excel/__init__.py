"""Excel workbooks (openpyxl): the sheet spec, the workbook writer, streamed rows, and one module of sheets per area."""

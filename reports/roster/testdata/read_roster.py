"""Reads a roster workbook with openpyxl, an independent reader, and prints
what a person would see as JSON: per sheet, the frozen cell, the filter, the
column widths, and every cell's value, type and number format."""
import datetime
import json
import sys

import openpyxl


def cell(c):
    v = c.value
    if isinstance(v, datetime.datetime):
        v = v.date().isoformat()
        kind = "date"
    elif isinstance(v, datetime.date):
        v = v.isoformat()
        kind = "date"
    elif isinstance(v, (int, float)):
        kind = "number"
    elif v is None:
        kind = "empty"
    else:
        kind = "text"
    return {"v": v, "t": kind, "f": c.number_format, "dt": c.data_type}


def main(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        out[ws.title] = {
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "widths": widths,
            "rows": [[cell(c) for c in row] for row in ws.iter_rows()],
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])

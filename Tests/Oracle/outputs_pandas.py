#!/usr/bin/env python3
"""Loads stratc's output files as a pandas user would, with no options, and checks them against
the tables of Docs/OUTPUTS.md, so that neither the files nor the document can drift.

usage: outputs_pandas.py OUTPUTS.md SECTION=PATH[:PARAM,PARAM] ... [--book]

A .html PATH is checked for an element with every documented id.

SECTION is a heading of OUTPUTS.md (`trades.csv`, `summary.json`, `Sweep CSV`, ...); PARAM names
replace the PARAMETERS row of a table. With --book, keys documented as "Book runs only" are
expected too. Exit 0 when every file matches, 1 with the problems listed, 77 when pandas is
missing.
"""
import json
import re
import sys

try:
    import pandas as pd
except ImportError:
    print("pandas is not installed (pip install pandas, or apt-get install python3-pandas)")
    sys.exit(77)


def sections(doc):
    """Heading -> list of (name, type, meaning) rows of the first table under it."""
    tables, heading, in_table = {}, None, False
    for line in doc.splitlines():
        if line.startswith("## "):
            heading = re.sub(r"\s*\(.*$", "", line[3:]).strip().strip("`")
            in_table = False
        elif line.startswith("|") and heading and heading not in tables or in_table and line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set(cells[0]) <= set("-"):
                in_table = True
                tables[heading] = []
            elif in_table:
                tables[heading].append((cells[0], cells[1], cells[-1]))
        else:
            in_table = False
    return tables


def expected(rows, params, book):
    names = []
    for name, kind, meaning in rows:
        if name == "PARAMETERS":
            names += [(p, "number or bool") for p in params]
        elif meaning.startswith("Only with `--timing`"):
            continue
        elif book or not meaning.startswith("Book runs only"):
            names.append((name, kind))
    return names


def check_times(values, where, problems):
    try:
        parsed = pd.to_datetime(values)
    except (ValueError, TypeError) as error:
        problems.append(f"{where}: pd.to_datetime failed: {error}")
        return
    if pd.isna(parsed).any():
        problems.append(f"{where}: pd.to_datetime gave NaT")


def check_csv(path, columns, problems):
    frame = pd.read_csv(path)
    names = [n for n, _ in columns]
    if list(frame.columns) != names:
        problems.append(f"{path}: columns {list(frame.columns)}, documented {names}")
        return
    if len(frame) == 0:
        problems.append(f"{path}: no rows")
    for name, kind in columns:
        series = frame[name]
        where = f"{path} column {name}"
        if kind == "time":
            check_times(series, where, problems)
        elif kind == "integer" and not pd.api.types.is_integer_dtype(series):
            problems.append(f"{where}: dtype {series.dtype}, documented integer")
        elif kind in ("decimal", "number", "number or bool", "ratio", "ratio or null", "integer or empty",
                      "decimal or empty") and not (
            pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
        ):
            problems.append(f"{where}: dtype {series.dtype}, documented {kind}")
        elif kind == "string" and not (
            pd.api.types.is_string_dtype(series) or pd.api.types.is_object_dtype(series) or series.isna().all()
        ):
            problems.append(f"{where}: dtype {series.dtype}, documented string")


NULL = type(None)
JSON_TYPES = {
    "integer": (int,), "decimal": (int, float), "number": (int, float), "string": (str,),
    "object": (dict,), "array": (list,), "time": (str, NULL), "boolean": (bool,),
    "ratio": (int, float), "ratio or null": (int, float, NULL), "decimal or null": (int, float, NULL),
}


def check_json(path, keys, problems):
    with open(path) as file:
        value = json.load(file)
    names = [n for n, _ in keys]
    if list(value) != names:
        problems.append(f"{path}: keys {list(value)}, documented {names}")
        return
    for name, kind in keys:
        where = f"{path} key {name}"
        if not isinstance(value[name], JSON_TYPES[kind]) or isinstance(value[name], bool) and kind != "boolean":
            problems.append(f"{where}: {type(value[name]).__name__}, documented {kind}")
        elif kind == "time" and value[name] is not None:
            check_times([value[name]], where, problems)


def check_html(path, ids, problems):
    """Every documented element id is in the page (the page has more: one per chart and price)."""
    page = open(path).read()
    for name, _ in ids:
        if f'id="{name}"' not in page:
            problems.append(f"{path}: no element with the documented id `{name}`")


def main(argv):
    book = "--book" in argv
    args = [a for a in argv if a != "--book"]
    tables = sections(open(args[0]).read())
    problems = []
    for spec in args[1:]:
        section, _, target = spec.partition("=")
        path, _, params = target.partition(":")
        if section not in tables:
            problems.append(f"OUTPUTS.md has no section `{section}` (it has {sorted(tables)})")
            continue
        columns = expected(tables[section], [p for p in params.split(",") if p], book)
        checker = check_json if path.endswith(".json") else check_html if path.endswith(".html") else check_csv
        checker(path, columns, problems)
        print(f"checked {section}: {path} ({len(columns)} columns)")
    for problem in problems:
        print("problem:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

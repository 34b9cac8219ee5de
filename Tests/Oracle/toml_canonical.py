#!/usr/bin/env python3
"""Prints each TOML file as Python's tomllib reads it, one line per file, in the canonical form
the engine-config tests compare with stratc's parser (Tests/StratEngineTests/ConfigTestSupport
.swift): tables as {hexkey=value,...} in code-point order, strings as UTF-8 hex, integers in
decimal, floats as their IEEE-754 bits, dates and times in ISO form; "error" when tomllib
refuses the file.

    python3 Tests/Oracle/toml_canonical.py Examples/engine/paper.toml
"""
import struct
import sys
import tomllib


def canonical(value):
    if isinstance(value, bool):
        return "b:" + ("true" if value else "false")
    if isinstance(value, int):
        return "i:%d" % value
    if isinstance(value, float):
        return "f:" + struct.pack(">d", value).hex()
    if isinstance(value, str):
        return "s:" + value.encode("utf-8", "surrogatepass").hex()
    if hasattr(value, "isoformat"):
        return "d:" + value.isoformat()
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    keys = sorted(value, key=lambda key: key.encode("utf-8", "surrogatepass"))
    return "{" + ",".join(
        key.encode("utf-8", "surrogatepass").hex() + "=" + canonical(value[key]) for key in keys
    ) + "}"


for path in sys.argv[1:]:
    try:
        with open(path, "rb") as file:
            print(canonical(tomllib.load(file)))
    except tomllib.TOMLDecodeError:
        print("error")

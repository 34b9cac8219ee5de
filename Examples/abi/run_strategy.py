#!/usr/bin/env python3
"""A Python host for a stratc object through ctypes, using only include/stratc.h's layout.

    stratc build Strategies/pairs.strat -o pairs.so
    python3 Examples/abi/run_strategy.py ./pairs.so Examples/data/GLD.csv Examples/data/GDX.csv

Same input and output as run_strategy.c: one CSV of bars per instrument, one step per row, one
line per decision (step time_ns kind instrument quantity price, doubles printed exactly).
NAME=VALUE arguments after the files set parameters.
"""
import ctypes
import datetime
import math
import sys

ABI_VERSION = 1
INPUT_FIELDS = 54
OPEN, LAST, LAST_SIZE, AVG_PRICE, BOOK_LEVELS = 0, 5, 6, 9, 14
INT, FLOAT, BOOL = 0, 1, 2


class Decision(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("reserved", ctypes.c_uint8 * 3), ("instrument", ctypes.c_int32),
                ("quantity", ctypes.c_double), ("price", ctypes.c_double)]


class Value(ctypes.Union):
    _fields_ = [("i", ctypes.c_int64), ("f", ctypes.c_double)]


class Param(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("kind", ctypes.c_uint32), ("reserved", ctypes.c_uint32), ("value", Value)]


class Instrument(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("symbol", ctypes.c_char_p)]


InitFn = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
StepFn = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.POINTER(Value), ctypes.POINTER(ctypes.c_double),
                          ctypes.POINTER(ctypes.c_uint64), ctypes.c_int64, ctypes.POINTER(Decision))


class Strategy(ctypes.Structure):
    _fields_ = [("abi_version", ctypes.c_uint32), ("descriptor_size", ctypes.c_uint32),
                ("name", ctypes.c_char_p), ("compiler_version", ctypes.c_char_p),
                ("source_hash", ctypes.c_char_p), ("code_hash", ctypes.c_char_p), ("target_cpu", ctypes.c_char_p),
                ("state_size", ctypes.c_uint64), ("state_align", ctypes.c_uint64),
                ("instrument_count", ctypes.c_uint32), ("param_count", ctypes.c_uint32),
                ("slot_count", ctypes.c_uint32), ("input_count", ctypes.c_uint32),
                ("max_decisions", ctypes.c_uint32), ("warmup_steps", ctypes.c_uint32),
                ("instruments", ctypes.POINTER(Instrument)), ("params", ctypes.POINTER(Param)),
                ("slots", ctypes.c_void_p), ("inputs_read", ctypes.POINTER(ctypes.c_uint32)),
                ("risk", ctypes.c_void_p), ("init", InitFn), ("step", StepFn)]


def initial_input(f):
    """An input before any data (stratc.h): NaN for trade, book and average-price fields, else 0."""
    return math.nan if f >= BOOK_LEVELS or f in (LAST, LAST_SIZE, AVG_PRICE) else 0.0


def exact(x):
    """A double exactly, as C's %.17g prints it, and every NaN alike."""
    return "nan" if math.isnan(x) else "%.17g" % x


def bars(path):
    """Yields (time_ns, [open, high, low, close, volume]) per row of an Examples/data CSV."""
    with open(path) as f:
        next(f)
        for line in f:
            date, o, h, l, c, _adj, v = line.rstrip("\n").split(",")
            day = datetime.date.fromisoformat(date[:10])
            yield (day - datetime.date(1970, 1, 1)).days * 86_400 * 1_000_000_000, [float(x) for x in (o, h, l, c, v)]


def main(argv):
    library = ctypes.CDLL(argv[1], mode=ctypes.RTLD_LOCAL)
    entry = library.stratc_strategy_v1
    entry.restype = ctypes.POINTER(Strategy)
    s = entry().contents
    if s.abi_version != ABI_VERSION or s.descriptor_size != ctypes.sizeof(Strategy):
        sys.exit(f"{argv[1]}: ABI version {s.abi_version}, this host speaks {ABI_VERSION}")
    n = s.instrument_count
    params = (Value * max(1, s.param_count))()
    for p in range(s.param_count):
        params[p] = s.params[p].value
    for assignment in argv[2 + n:]:
        name, text = assignment.split("=", 1)
        p = next(p for p in range(s.param_count) if s.params[p].name.decode() == name)
        kind = s.params[p].kind
        if kind == FLOAT:
            params[p].f = float(text)
        else:
            params[p].i = (text == "true") if kind == BOOL else int(text)

    state = (ctypes.c_uint64 * max(1, (s.state_size + 7) // 8))()   # 8-byte aligned, as state_align asks
    inputs = (ctypes.c_double * (INPUT_FIELDS * n))()
    for i in range(n):
        for f in range(INPUT_FIELDS):
            inputs[i * INPUT_FIELDS + f] = initial_input(f)
    seen = (ctypes.c_uint64 * n)()
    out = (Decision * max(1, s.max_decisions))()
    s.init(state)
    for step, rows in enumerate(zip(*(bars(path) for path in argv[2:2 + n]))):
        for i, (time_ns, bar) in enumerate(rows):
            for k, value in enumerate(bar):
                inputs[i * INPUT_FIELDS + OPEN + k] = value
            seen[i] = 1
        count = s.step(state, params, inputs, seen, time_ns, out)
        for d in out[:count]:
            print(f"{step} {time_ns} {d.kind} {d.instrument} {exact(d.quantity)} {exact(d.price)}")


if __name__ == "__main__":
    main(sys.argv)

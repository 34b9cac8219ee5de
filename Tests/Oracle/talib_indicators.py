#!/usr/bin/env python3
"""Writes Tests/Oracle/expected/indicators_SPY.csv: TA-Lib's own RSI(14), ATR(14), TRANGE,
MOM(10), ROC(10) and OBV on the bundled SPY bars, and pandas' cumulative sum of the closes,
each as a hexadecimal float (empty before the indicator is defined). IndicatorParityTests
compares stratc's built-ins with them. Also the RSI and ATR that TA-Lib's C loops give when
compiled without fused multiply-adds (`rsi_c`, `atr_c`, recomputed here from ta_RSI.c's and
ta_ATR.c's order of operations): the PyPI build of TA-Lib contracts them into FMAs, which moves
its last bits; stratc keeps the order and does not contract.

    python3 -m pip install TA-Lib pandas numpy
    python3 Tests/Oracle/talib_indicators.py
"""
import os

import numpy as np
import pandas as pd
import talib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def wilder_rsi(close, n):
    """ta_RSI.c: sums of gains and losses over the first n changes, ÷ n, then ×(n−1), + today's,
    ÷ n; 100·gain/(gain + loss), 0 when the sum is within 1e-8 of 0."""
    out = [np.nan] * len(close)
    gain = loss = 0.0
    for i in range(1, len(close)):
        d = close[i] - close[i - 1]
        if i > n:
            gain *= n - 1
            loss *= n - 1
        if d < 0:
            loss -= d
        else:
            gain += d
        if i >= n:
            gain /= n
            loss /= n
            total = gain + loss
            out[i] = 0.0 if -0.00000001 < total < 0.00000001 else 100.0 * (gain / total)
    return out


def wilder_atr(high, low, close, n):
    """ta_ATR.c: the mean of the first n true ranges, then (prev·(n−1) + tr) ÷ n."""
    out = [np.nan] * len(close)
    total, prev = 0.0, 0.0
    for i in range(1, len(close)):
        tr = high[i] - low[i]
        for gap in (abs(close[i - 1] - high[i]), abs(close[i - 1] - low[i])):
            if gap > tr:
                tr = gap
        if i < n:
            total += tr
        elif i == n:
            total += tr
            prev = total / n
            out[i] = prev
        else:
            prev = (prev * (n - 1) + tr) / n
            out[i] = prev
    return out


def main():
    bars = pd.read_csv(os.path.join(ROOT, "Examples", "data", "SPY.csv"))
    c, h, l, v = (bars[k].to_numpy() for k in ("Close", "High", "Low", "Volume"))
    columns = {
        "rsi": talib.RSI(c, 14), "atr": talib.ATR(h, l, c, 14), "tr": talib.TRANGE(h, l, c),
        "mom": talib.MOM(c, 10), "roc": talib.ROC(c, 10), "obv": talib.OBV(c, v),
        "cum": bars["Close"].cumsum().to_numpy(),
        "rsi_c": wilder_rsi(c, 14), "atr_c": wilder_atr(h, l, c, 14),
    }
    path = os.path.join(ROOT, "Tests", "Oracle", "expected", "indicators_SPY.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as out:
        out.write(",".join(columns) + "\n")
        for i in range(len(c)):
            out.write(",".join("" if np.isnan(col[i]) else float(col[i]).hex() for col in columns.values()) + "\n")


if __name__ == "__main__":
    main()

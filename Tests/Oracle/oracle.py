#!/usr/bin/env python3
"""An independent implementation of the reference strategies, written from their English rules
(issue #2, Strategies/*.strat comments), not from stratc's code. It recomputes every window from
scratch with two passes (no rolling sums), merges bars by date, and prices with Decimal.

Usage: oracle.py STRATEGY FILL OUT_DIR SYMBOL=PATH...   (STRATEGY: pairs|bollinger|logistic|pairs_bench)
Writes OUT_DIR/trades.csv and OUT_DIR/summary.json (pnl, trades, positions) for comparison.
"""
import csv, json, math, os, sys
from datetime import datetime, timezone
from decimal import Decimal


def load(path):
    rows = {}
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader)]
        t = 0
        for name in ("date", "datetime", "time", "timestamp", "ts"):
            if name in header:
                t = header.index(name)
                break
        o, c = header.index("open"), header.index("close")
        for r in reader:
            if header[t] == "ts":
                ts = int(r[t])
            else:
                ts = int(datetime.fromisoformat(r[t]).astimezone(timezone.utc).timestamp())
            rows[ts] = (Decimal(r[o]), Decimal(r[c]))
    return rows


def mean_sd(xs, sample):
    m = sum(xs) / len(xs)
    ss = sum((x - m) ** 2 for x in xs)
    return m, math.sqrt(ss / (len(xs) - 1 if sample else len(xs)))


def decide(name, hist, pos, names, months=()):
    """hist: dict instrument -> list of closes (floats) up to now. Returns targets dict or {}."""
    if name in ("pairs", "pairs_bench"):
        n, sample = (20, True) if name == "pairs" else (60, False)
        a, b = names
        spreads = [math.log(x) - math.log(y) for x, y in zip(hist[a], hist[b])]
        if len(spreads) < n:
            return {}
        m, sd = mean_sd(spreads[-n:], sample)
        if not sd > 0:
            return {}
        z = (spreads[-1] - m) / sd
        if z > 2.0: return {a: -100, b: 100}
        if z < -2.0: return {a: 100, b: -100}
        if abs(z) < 0.5: return {a: 0, b: 0}
        return {}
    (x,) = names
    closes = hist[x]
    if name == "bollinger":
        if len(closes) < 20:
            return {}
        m, sd = mean_sd(closes[-20:], True)
        if not sd > 0:
            return {}
        z = (closes[-1] - m) / sd
        t = {}
        if z < -2: t = {x: 100}
        if z > 2: t = {x: -100}
        if abs(z) < 0.5: t = {x: 0}
        return t
    if name == "logistic":
        if len(closes) < 20:
            return {}
        m, sd = mean_sd(closes[-20:], True)
        if not sd > 0:
            return {}
        z = (closes[-1] - m) / sd
        r1 = math.log(closes[-1] / closes[-2])
        r5 = math.log(closes[-1] / closes[-6])
        p = 1 / (1 + math.exp(-(0.1 - 20 * r1 - 5 * r5 - 0.8 * z)))
        if p > 0.55: return {x: 100}
        if p < 0.45: return {x: 0}
        return {}
    if name == "rsi":
        # Wilder's RSI(14) from its definition: the first average gain (loss) is the mean of the
        # first 14 rises (falls), each later one (previous × 13 + today's) ÷ 14.
        n = 14
        if len(closes) < n + 1:
            return {}
        changes = [b - a for a, b in zip(closes, closes[1:])]
        gain = sum(max(d, 0.0) for d in changes[:n]) / n
        loss = sum(max(-d, 0.0) for d in changes[:n]) / n
        for d in changes[n:]:
            gain = (gain * (n - 1) + max(d, 0.0)) / n
            loss = (loss * (n - 1) + max(-d, 0.0)) / n
        strength = 0.0 if abs(gain + loss) < 1e-8 else 100 * gain / (gain + loss)
        if strength < 30: return {x: 100}
        if strength > 55: return {x: 0}
        return {}
    if name == "macd":
        # EMAs as the reference defines ema(x, n): alpha 2/(n+1), seeded with the first value,
        # defined from the n-th; MACD = ema12 - ema26, signal = ema9 of the MACD (its first
        # value is the first defined MACD). Long on a cross above the signal, flat below.
        def ema_series(xs, n):
            out, e = [], None
            for k, v in enumerate(xs):
                e = v if e is None else e + (2 / (n + 1)) * (v - e)
                out.append(e if k >= n - 1 else None)
            return out
        fast, slow = ema_series(closes, 12), ema_series(closes, 26)
        line = [f - s for f, s in zip(fast, slow) if f is not None and s is not None]
        signal = ema_series(line, 9)
        if len(line) < 10 or signal[-2] is None:
            return {}
        if line[-1] > signal[-1] and line[-2] <= signal[-2]: return {x: 100}
        if line[-1] < signal[-1] and line[-2] >= signal[-2]: return {x: 0}
        return {}
    if name == "donchian":
        # Long above the highest of the previous 20 closes, flat below the lowest of the
        # previous 10.
        t = {}
        if len(closes) >= 21 and closes[-1] > max(closes[-21:-1]): t = {x: 100}
        if len(closes) >= 11 and closes[-1] < min(closes[-11:-1]): t = {x: 0}
        return t
    if name == "monthly_momentum":
        # On the first step of each UTC month, long when the close is above the close 63 steps
        # ago, flat otherwise.
        new_month = len(months) == 1 or months[-1] != months[-2]
        if len(closes) < 64 or not new_month:
            return {}
        return {x: 100 if closes[-1] > closes[-64] else 0}
    raise SystemExit("unknown strategy " + name)


def fmt(d):
    s = format(d.normalize(), "f")
    if "." not in s:
        s += ".00"
    elif len(s.split(".")[1]) < 2:
        s += "0"
    return s


def main():
    name, fill, out = sys.argv[1], sys.argv[2], sys.argv[3]
    specs = [s.split("=", 1) for s in sys.argv[4:]]
    names = [n for n, _ in specs]
    data = {n: load(p) for n, p in specs}
    times = sorted(set().union(*[set(d) for d in data.values()]))
    hist = {n: [] for n in names}
    last = {}
    pos = {n: 0 for n in names}
    pending = {}
    months = []
    cash = Decimal(0)
    trades = []

    def execute(t, n, q, px):
        nonlocal cash
        pos[n] += q
        cash -= q * px
        iso = datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        trades.append((iso, n, "BUY" if q > 0 else "SELL", abs(q), fmt(px), "0.00"))

    for t in times:
        for n in names:
            if t in data[n]:
                if fill == "next-open" and n in pending:
                    execute(t, n, pending.pop(n), data[n][t][0])
                last[n] = data[n][t]
        if len(last) < len(names):
            continue  # as-of: nothing is defined until every instrument is seen
        for n in names:
            hist[n].append(float(last[n][1]))
        months.append(datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m"))
        for n, target in decide(name, hist, pos, names, months).items():
            q = target - pos[n] - pending.get(n, 0)
            if q == 0:
                continue
            if fill == "close":
                execute(t, n, q, last[n][1])
            else:
                pending[n] = pending.get(n, 0) + q
    pnl = cash + sum(pos[n] * last[n][1] for n in names)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "trades.csv"), "w", newline="") as f:
        f.write("time,instrument,side,quantity,price,fee\n")
        for tr in trades:
            f.write(",".join(str(x) for x in tr) + "\n")
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump({"pnl": fmt(pnl), "trades": len(trades), "positions": pos}, f, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()

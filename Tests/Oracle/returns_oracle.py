#!/usr/bin/env python3
"""Independent oracle for stratc's return metrics and round trips (issue 10, points 3 and 4).

It reads only what a user has: a backtest's output folder (equity.csv, trades.csv,
round_trips.csv) and the bar files, and recomputes from the definitions in Docs/OUTPUTS.md with
pandas, numpy and Decimal, not from stratc's code. It prints one JSON object whose keys are the
summary.json keys it checks, plus `round_trips_equal` (its FIFO matching against
round_trips.csv, row for row, as exact decimals) and `round_trip_rows`.

    python3 Tests/Oracle/returns_oracle.py OUT_DIR CAPITAL SYMBOL=BARS.csv...
"""
import json
import sys
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

NS = 1_000_000_000
DAY_NS = 86_400 * NS
RAW = Decimal("0.00000001")


def times_ns(column):
    # pandas 3 infers the resolution from the text (seconds for whole seconds): ask for ns.
    return pd.to_datetime(pd.Series(column), utc=True).dt.as_unit("ns").astype("int64").to_numpy()


def sample(times, pnl):
    """Every step for daily or coarser data, else the last equity of each UTC day."""
    if len(times) >= 2 and 2 * np.sum(np.diff(times) < 20 * 3600 * NS) > len(times) - 1:
        day = times // DAY_NS
        last = np.append(day[1:] != day[:-1], True)
        return times[last], pnl[last], "last of each UTC day"
    return times, pnl, "per step"


def statistics(times, pnl, capital):
    value = capital + pnl
    peak = np.maximum.accumulate(np.maximum(value, capital))
    out = {
        "total_return": pnl[-1] / capital,
        "max_drawdown_fraction": float(np.max((peak - value) / peak)),
    }
    st, sp, basis = sample(times, pnl)
    previous = np.concatenate(([0.0], sp[:-1]))
    r = (sp - previous) / (capital + previous)
    span_days = (st[-1] - st[0]) / DAY_NS
    out.update(returns_basis=basis, returns_count=len(r))
    keys = ["cagr", "volatility", "sharpe_returns", "sortino_returns", "calmar", "periods_per_year"]
    if len(r) < 30 or span_days < 28:
        out.update({k: None for k in keys}, annualised=False)
        return out
    periods = (len(r) - 1) * 365.25 / span_days
    sd = np.std(r, ddof=1)
    downside = np.sqrt(np.mean(np.minimum(r, 0) ** 2))
    cagr = (1 + out["total_return"]) ** (365.25 / span_days) - 1
    out.update(
        annualised=True,
        periods_per_year=periods,
        cagr=cagr,
        volatility=sd * np.sqrt(periods),
        sharpe_returns=np.mean(r) / sd * np.sqrt(periods) if sd > 0 else None,
        sortino_returns=np.mean(r) / downside * np.sqrt(periods) if downside > 0 else None,
        calmar=cagr / out["max_drawdown_fraction"] if out["max_drawdown_fraction"] > 0 else None,
    )
    return out


def round_trips(trades):
    """FIFO lots per instrument; fees split by units in 1e-8 (truncated, the last piece takes
    the rest); P&L net of fees."""
    lots, trips = {}, []
    for row in trades.itertuples():
        sign = 1 if row.side == "BUY" else -1
        exit = {"time": row.time, "price": Decimal(row.price), "units": int(row.quantity),
                "fee": int(Decimal(row.fee) / RAW), "long": sign > 0}
        book = lots.setdefault(row.instrument, [])
        while exit["units"] > 0 and book and book[0]["long"] != exit["long"]:
            entry = book[0]
            units = min(exit["units"], entry["units"])
            fees = take_fee(entry, units) + take_fee(exit, units)
            move = exit["price"] - entry["price"] if entry["long"] else entry["price"] - exit["price"]
            trips.append((row.instrument, "LONG" if entry["long"] else "SHORT", entry["time"],
                          row.time, units, entry["price"], exit["price"],
                          move * units - fees * RAW, fees * RAW))
            if entry["units"] == 0:
                book.pop(0)
        if exit["units"] > 0:
            book.append(exit)
    return trips, sum(len(b) for b in lots.values())


def take_fee(lot, units):
    if units >= lot["units"]:
        share, lot["fee"] = lot["fee"], 0
    else:
        share = (lot["fee"] * units) // lot["units"] if lot["fee"] >= 0 else -((-lot["fee"] * units) // lot["units"])
        lot["fee"] -= share
    lot["units"] -= units
    return share


def trip_figures(trips, open_lots):
    pnl = [t[7] for t in trips]
    wins = [p for p in pnl if p > 0]
    losses = [p for p in pnl if p < 0]
    mean = lambda xs: str((sum(xs) / len(xs)).quantize(RAW, rounding=ROUND_HALF_UP)) if xs else None
    return {
        "round_trips": len(trips),
        "open_lots": open_lots,
        "hit_rate": len(wins) / len(trips) if trips else None,
        "profit_factor": float(sum(wins) / -sum(losses)) if losses else None,
        "average_win": mean(wins),
        "average_loss": mean(losses),
    }


def exposure(times, trades):
    fill_times = times_ns(trades["time"])
    signed = np.where(trades["side"] == "BUY", 1, -1) * trades["quantity"].to_numpy()
    held_after = pd.DataFrame({"i": trades["instrument"], "q": signed}).groupby("i")["q"].cumsum()
    positions = pd.DataFrame(0, index=range(len(trades)), columns=sorted(set(trades["instrument"])))
    for k, (name, q) in enumerate(zip(trades["instrument"], held_after)):
        positions.loc[k:, name] = q
    any_open = (positions != 0).any(axis=1).to_numpy()
    last_fill = np.searchsorted(fill_times, times[:-1], side="right") - 1
    held = np.where(last_fill >= 0, any_open[np.maximum(last_fill, 0)], False)
    return float(np.sum(np.diff(times) * held) / (times[-1] - times[0]))


def benchmark(times, capital, bar_files):
    pnl = np.zeros(len(times))
    steps = pd.DataFrame({"t": times})
    for path in bar_files:
        bars = pd.read_csv(path)
        closes = pd.DataFrame({"t": times_ns(bars["Date"]), "close": bars["Close"].astype(float)})
        marked = pd.merge_asof(steps, closes, on="t")["close"].fillna(closes["close"].iloc[0])
        first = closes["close"].iloc[0]
        pnl += capital / len(bar_files) / first * (marked.to_numpy() - first)
    stats = statistics(times, pnl, capital)
    return {
        "benchmark_return": stats["total_return"],
        "benchmark_cagr": stats["cagr"],
        "benchmark_sharpe": stats["sharpe_returns"],
        "benchmark_max_drawdown_fraction": stats["max_drawdown_fraction"],
    }


def main():
    out, capital = sys.argv[1], float(sys.argv[2])
    bar_files = [spec.split("=", 1)[1] for spec in sys.argv[3:]]
    equity = pd.read_csv(f"{out}/equity.csv")
    trades = pd.read_csv(f"{out}/trades.csv", dtype={"price": str, "fee": str})
    times = times_ns(equity["time"])
    result = statistics(times, equity["equity"].to_numpy(dtype=float), capital)
    result["exposure"] = exposure(times, trades)
    trips, open_lots = round_trips(trades)
    result.update(trip_figures(trips, open_lots))
    if bar_files:  # an order-book run's benchmark is on trade prints, which this does not read
        result.update(benchmark(times, capital, bar_files))
    written = pd.read_csv(f"{out}/round_trips.csv", dtype=str)
    mine = [(t[0], t[1], t[2], t[3], str(t[4]), t[5], t[6], t[7], t[8]) for t in trips]
    theirs = [(r.instrument, r.side, r.entry_time, r.exit_time, r.quantity, Decimal(r.entry_price),
               Decimal(r.exit_price), Decimal(r.pnl), Decimal(r.fees)) for r in written.itertuples()]
    durations = list(times_ns([t[3] for t in trips]) - times_ns([t[2] for t in trips]))
    result["round_trips_equal"] = mine == theirs and durations == [
        int(Decimal(d) * NS) for d in written["duration_s"]]
    result["round_trip_rows"] = len(written)
    print(json.dumps({k: (float(v) if isinstance(v, np.floating) else v) for k, v in result.items()}))


if __name__ == "__main__":
    main()

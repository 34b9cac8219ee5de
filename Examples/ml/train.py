#!/usr/bin/env python3
"""Builds features from the bundled SPY bars, trains an XGBoost and a LightGBM classifier of
"the next close is higher", and exports them in the libraries' own file formats:

    gbt.json     XGBoost's JSON model (Booster.save_model)
    lgbm.txt     LightGBM's text model (Booster.save_model)
    parity.csv   held-out feature rows and both libraries' predictions, margin and probability,
                 as hexadecimal floats (float.hex), so that a test compares them bit for bit
    mlp.json     a 3-8-1 network (relu, then sigmoid) trained here with numpy, in stratc's network
                 format; mlp_parity.csv its margin and probability on the held-out rows, computed
                 by plain Python loops in the format's order (((b + w1*x1) + w2*x2) + ...)
    orders.csv   the orders ml.strat must submit over all the bars (upper 0.53, lower 0.47,
                 unit 100), decided here from the libraries' own predictions: the independent
                 implementation the end-to-end test holds `stratc backtest` to

The features are the ones ml.strat computes: r1 = log(c / c[1]), r5 = log(c / c[5]) and
rng = (high - low) / close, all plain numbers. Run from the project root:

    python3 -m pip install xgboost lightgbm pandas numpy
    python3 Examples/ml/train.py

Only examples and tests use these packages; stratc reads the files at compile time.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import xgboost as xgb
import lightgbm as lgb

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "SPY.csv")
FEATURES = ["r1", "r5", "rng"]


def features(bars):
    close, high, low = bars["Close"].to_numpy(), bars["High"].to_numpy(), bars["Low"].to_numpy()
    rows, labels = [], []
    for i in range(5, len(close) - 1):
        r1 = math.log(close[i] / close[i - 1])
        r5 = math.log(close[i] / close[i - 5])
        rng = (high[i] - low[i]) / close[i]
        rows.append([r1, r5, rng])
        labels.append(1 if close[i + 1] > close[i] else 0)
    return np.array(rows, dtype=np.float64), np.array(labels)


def write_missing_models(x, y, held):
    """Two small LightGBM models whose splits send missing values by rule rather than as zeros:
    trained with NaNs (missing type NaN) and with zeros as missing (missing type Zero), and
    their predictions on rows holding NaNs and exact zeros: missing_parity.csv."""
    rng = np.random.default_rng(11)
    holed = x.copy()
    holed[rng.random(holed.shape) < 0.15] = np.nan
    zeroed = x.copy()
    zeroed[rng.random(zeroed.shape) < 0.15] = 0.0
    params = {"objective": "binary", "num_leaves": 7, "learning_rate": 0.2, "seed": 7, "verbose": -1}
    nan_model = lgb.train(params, lgb.Dataset(pd.DataFrame(holed, columns=FEATURES), label=y), 10)
    zero_model = lgb.train(dict(params, zero_as_missing=True),
                           lgb.Dataset(pd.DataFrame(zeroed, columns=FEATURES), label=y), 10)
    nan_model.save_model(os.path.join(HERE, "lgbm_nan.txt"))
    zero_model.save_model(os.path.join(HERE, "lgbm_zero.txt"))
    rows = held.copy()
    mask = rng.random(rows.shape)
    rows[mask < 0.1] = np.nan
    rows[(mask >= 0.1) & (mask < 0.2)] = 0.0
    rows[(mask >= 0.2) & (mask < 0.25)] = -0.0
    with open(os.path.join(HERE, "missing_parity.csv"), "w") as out:
        out.write("r1,r5,rng,nan_margin,nan_prob,zero_margin,zero_prob\n")
        preds = [nan_model.predict(rows, raw_score=True), nan_model.predict(rows),
                 zero_model.predict(rows, raw_score=True), zero_model.predict(rows)]
        for k, row in enumerate(rows):
            out.write(",".join([float(v).hex() for v in row] + [float(p[k]).hex() for p in preds]) + "\n")


def network_value(layers, row, margin=False):
    """stratc's network format, neuron by neuron, left to right, in double."""
    values = list(row)
    for k, layer in enumerate(layers):
        out = []
        for weights, bias in zip(layer["weights"], layer["bias"]):
            s = bias
            for w, v in zip(weights, values):
                s = s + w * v
            if not (margin and k == len(layers) - 1):
                if layer["activation"] == "relu":
                    s = s if s > 0 else 0.0
                elif layer["activation"] == "sigmoid":
                    s = 1 / (1 + math.exp(-s))
            out.append(s)
        values = out
    return values[0]


def write_network(x, y, held):
    """A 3-8-1 network fitted by full-batch gradient descent on standardised features, with the
    standardisation folded into the first layer, so that it reads the raw features."""
    rng = np.random.default_rng(5)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    z = (x - mean) / sd
    w1, b1 = rng.normal(scale=0.5, size=(8, 3)), np.zeros(8)
    w2, b2 = rng.normal(scale=0.5, size=(1, 8)), np.zeros(1)
    for _ in range(300):
        h = np.maximum(z @ w1.T + b1, 0)
        p = 1 / (1 + np.exp(-(h @ w2.T + b2)))[:, 0]
        g = (p - y)[:, None] / len(y)
        gw2, gb2 = g.T @ h, g.sum(axis=0)
        gh = (g @ w2) * (h > 0)
        gw1, gb1 = gh.T @ z, gh.sum(axis=0)
        w1, b1, w2, b2 = w1 - 0.5 * gw1, b1 - 0.5 * gb1, w2 - 0.5 * gw2, b2 - 0.5 * gb2
    first = {"weights": (w1 / sd).tolist(), "bias": (b1 - (w1 / sd) @ mean).tolist(), "activation": "relu"}
    layers = [first, {"weights": w2.tolist(), "bias": b2.tolist(), "activation": "sigmoid"}]
    with open(os.path.join(HERE, "mlp.json"), "w") as out:
        json.dump({"format": "stratc-mlp", "version": 1, "features": FEATURES, "layers": layers}, out, indent=1)
        out.write("\n")
    with open(os.path.join(HERE, "mlp_parity.csv"), "w") as out:
        out.write("r1,r5,rng,mlp_margin,mlp_prob\n")
        for row in held:
            values = [network_value(layers, row, margin=True), network_value(layers, row)]
            out.write(",".join([float(v).hex() for v in row] + [float(v).hex() for v in values]) + "\n")


def write_orders(bars, booster, gbm, upper=0.53, lower=0.47, unit=100):
    """ml.strat's rules on every bar: target `unit` when the mean probability is above
    `upper`, flat when below `lower`; an order is submitted when the target differs from the
    position (fills come at the next open, so the position is the last target)."""
    x, _ = features(bars)
    dates = bars["Date"].to_numpy()[5:len(x) + 5]
    # The last bar has features but no label; ml.strat decides on it too.
    close, high, low = bars["Close"].to_numpy(), bars["High"].to_numpy(), bars["Low"].to_numpy()
    i = len(close) - 1
    last = [math.log(close[i] / close[i - 1]), math.log(close[i] / close[i - 5]), (high[i] - low[i]) / close[i]]
    x = np.vstack([x, [last]])
    dates = list(dates) + [bars["Date"].to_numpy()[i]]
    gbt = booster.predict(xgb.DMatrix(pd.DataFrame(x, columns=FEATURES)))
    lgbm = gbm.predict(x)
    position = 0
    with open(os.path.join(HERE, "orders.csv"), "w") as out:
        out.write("decided,side,quantity\n")
        for date, g, l in zip(dates, gbt, lgbm):
            up = (float(g) + float(l)) / 2
            target = unit if up > upper else 0 if up < lower else position
            if target != position:
                stamp = pd.Timestamp(date).tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%SZ")
                out.write(f"{stamp},{'BUY' if target > position else 'SELL'},{abs(target - position)}\n")
                position = target


def main():
    bars = pd.read_csv(DATA)
    x, y = features(bars)
    split = int(len(x) * 0.7)
    train = pd.DataFrame(x[:split], columns=FEATURES)
    held = x[split:]
    # A few missing values in the held-out rows exercise each library's default direction.
    probe = np.array([[np.nan, 0.001, 0.01], [0.002, np.nan, 0.02], [-0.01, 0.0, np.nan]])
    held = np.vstack([held, probe])

    booster = xgb.train(
        {"objective": "binary:logistic", "max_depth": 4, "eta": 0.1, "subsample": 0.8,
         "seed": 7, "tree_method": "exact"},
        xgb.DMatrix(train, label=y[:split]), num_boost_round=40)
    booster.save_model(os.path.join(HERE, "gbt.json"))

    gbm = lgb.train(
        {"objective": "binary", "num_leaves": 15, "learning_rate": 0.1, "min_data_in_leaf": 20,
         "seed": 7, "verbose": -1},
        lgb.Dataset(train, label=y[:split]), num_boost_round=40)
    gbm.save_model(os.path.join(HERE, "lgbm.txt"))

    dm = xgb.DMatrix(pd.DataFrame(held, columns=FEATURES))
    xgb_margin = booster.predict(dm, output_margin=True)
    xgb_prob = booster.predict(dm)
    lgb_margin = gbm.predict(held, raw_score=True)
    lgb_prob = gbm.predict(held)

    with open(os.path.join(HERE, "parity.csv"), "w") as out:
        out.write("r1,r5,rng,xgb_margin,xgb_prob,lgb_margin,lgb_prob\n")
        for row, xm, xp, lm, lp in zip(held, xgb_margin, xgb_prob, lgb_margin, lgb_prob):
            cells = [float(v).hex() for v in row] + [float(v).hex() for v in (xm, xp, lm, lp)]
            out.write(",".join(cells) + "\n")
    write_orders(bars, booster, gbm)
    write_missing_models(x[:split], y[:split], held)
    write_network(x[:split], y[:split], held)
    print(f"{len(held)} held-out rows; xgboost {xgb.__version__}, lightgbm {lgb.__version__}",
          file=sys.stderr)


if __name__ == "__main__":
    main()

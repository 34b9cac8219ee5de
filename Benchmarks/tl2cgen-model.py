#!/usr/bin/env python3
"""Benchmarks/tl2cgen-model.py MODEL.json OUTDIR: the peer of `strat-bench --models`. Treelite
(PyPI treelite) reads the XGBoost JSON model and TL2cgen (PyPI tl2cgen) writes it as C
(OUTDIR/main.c, OUTDIR/header.h), which strat-bench compiles with cc -O2 into its timing loop.
Install both with `python3 -m pip install treelite tl2cgen`."""
import sys

import tl2cgen
import treelite

model = treelite.frontend.load_xgboost_model(sys.argv[1])
tl2cgen.generate_c_code(model, dirpath=sys.argv[2], params={})

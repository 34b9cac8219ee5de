#!/usr/bin/env bash
# Installs the benchmark's peer, backtrader (with pandas), into bench-data/peer-venv, outside the
# product: strat-bench runs it on 100,000 bars when that interpreter exists.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv bench-data/peer-venv
bench-data/peer-venv/bin/pip install -q backtrader pandas

#!/usr/bin/env bash
# Rewrites the oracle's expected outputs for every end-to-end backtest case.
set -euo pipefail
cd "$(dirname "$0")/../.."
D=Examples/data
E=Tests/EndToEnd/expected
for fill in close next-open; do
  python3 Tests/Oracle/oracle.py pairs "$fill" "$E/pairs-$fill" a=$D/GLD.csv b=$D/GDX.csv
  python3 Tests/Oracle/oracle.py pairs "$fill" "$E/pairs-KO-PEP-$fill" a=$D/KO.csv b=$D/PEP.csv
  python3 Tests/Oracle/oracle.py bollinger "$fill" "$E/bollinger-$fill" x=$D/SPY.csv
  python3 Tests/Oracle/oracle.py logistic "$fill" "$E/logistic-$fill" x=$D/SPY.csv
  python3 Tests/Oracle/oracle.py rsi "$fill" "$E/rsi-$fill" x=$D/SPY.csv
  python3 Tests/Oracle/oracle.py macd "$fill" "$E/macd-$fill" x=$D/SPY.csv
  python3 Tests/Oracle/oracle.py donchian "$fill" "$E/donchian-$fill" x=$D/SPY.csv
  python3 Tests/Oracle/oracle.py monthly_momentum "$fill" "$E/monthly_momentum-$fill" x=$D/SPY.csv
done

/// The text of `--help` for stratc and each subcommand.
enum Help {

  static let main = """
    stratc — compile and backtest .strat trading strategies

    USAGE
      stratc check FILE...                     check strategies; report every problem
      stratc ir FILE [--no-opt] [--llvm]       print the IR (or the LLVM IR)
      stratc build FILE -o NAME.so [--cpu C]   compile to a shared object with the C ABI of include/stratc.h
      stratc inspect NAME.so                   check a stratc object and print what it says of itself
      stratc report FILE [--json]              print the static report (state, operations, warm-up)
      stratc backtest FILE --data SYMBOL=PATH... --out DIR   run a backtest on CSV bars
      stratc data import|info|export|book|convert ...  market data: tick store import, describe, export, rebuilt book, LOBSTER → ITCH
      stratc sweep FILE --data SYMBOL=PATH... --param NAME=LO:HI:STEP...   backtest a grid
      stratc explain DIR --fill N              say why fill N of a backtest's trades.csv happened

    OPTIONS (every subcommand)
      --diagnostics=text|json   how errors are printed on stderr (json: one object per line)
      --help                    help for a subcommand: stratc backtest --help
      --version                 print the version

    EXIT STATUS
      0 success; 1 the strategy or the data is wrong; 2 bad command line; 3 internal error
    """

  static let check = """
    stratc check FILE... [--diagnostics=text|json]

    Parses and checks each file: names, types and units, look-ahead, constant windows.
    Exit 0 when all are valid, 1 when any has an error (warnings alone do not fail).
    """

  static let ir = """
    stratc ir FILE [--no-opt] [--llvm] [--param NAME=VALUE]...

    Prints the strategy's IR: its state slots and its step function. --no-opt prints the IR as
    lowered, before constant folding, shared windows and dead-code removal. --llvm prints the
    LLVM IR the JIT and AOT compile instead: the step and init functions, the buffer
    arithmetic they inline, and the descriptor of include/stratc.h.
    """

  static let inspect = """
    stratc inspect NAME.so

    Checks a stratc object as `--object` does before loading it (a whole ELF shared object for
    this machine, everything the system loader reads, the .stratc metadata section, this ABI
    version, a descriptor that repeats it) and prints its metadata, instruments, parameters (the
    values it was built with), state slots and the input fields it reads, all read from the
    file: the object is never loaded, so none of its code runs. Exit 1 with the reason (and the
    byte offset of the fault) when it is refused.
    """

  static let build = """
    stratc build FILE -o NAME.so [--cpu generic|host|x86-64-v2|x86-64-v3|x86-64-v4]
                 [--param NAME=VALUE]... [--instrument NAME=SYMBOL]...

    Compiles the strategy ahead of time into a shared object that exports the C ABI declared in
    include/stratc.h (one symbol, stratc_strategy_v1): init, step, the state layout, the
    parameter table, the instruments, the risk limits, and metadata (ABI version, compiler
    version, SHA-256 of the source and of the code). Any host can dlopen it: Examples/abi/ has
    a C and a Python ctypes host. `stratc backtest FILE --object NAME.so` runs it, after checking
    that it was built from FILE. Parameters are read at run time: --param values become the
    object's defaults, and a host may pass others (a window length is part of the code, though).

      --cpu generic            any x86-64 machine (default); host: every feature of this CPU
      -o, --out NAME.so        where to write the object (replaced atomically)

    Linking needs a C compiler (cc). Results are identical for every --cpu: no fast-math and no
    FMA contraction are allowed.
    """

  static let report = """
    stratc report FILE [--json] [--param NAME=VALUE]...

    Prints the static report: state bytes per slot, operations per step, the longest lag and
    window, and the warm-up (steps after every instrument is seen before a rule can fire).
    """

  static let backtest = """
    stratc backtest FILE --data SYMBOL=PATH... --out DIR [options]

    Runs the strategy over CSV bars, one evaluation step per timestamp at which any of its
    instruments has a bar, or over order-book events (below), and writes DIR/trades.csv,
    DIR/equity.csv and DIR/summary.json.

      --data SYMBOL=PATH       bars for a symbol (repeatable); PATH may be a folder of SYMBOL.csv
                               or a .tick file of bars; a pipe or FIFO is read once (at most 1 GiB)
      --instrument NAME=SYMBOL bind a strategy instrument to a symbol (default: its declaration)
      --param NAME=VALUE       set a parameter (repeatable)
      --fill next-open|close   fill at the next bar's open (default) or the decision bar's close
      --fee KIND:RATE          per-share:0.005 (currency per unit) or per-notional:0.0005 (fraction)
      --out DIR                where to write the results (created if missing)
      --report FILE.html       also write a self-contained HTML report (charts, metrics, trades)
      --backend interp|jit|aot the interpreter, native code from the LLVM JIT (default), or a
                               shared object compiled ahead of time (as `stratc build` makes)
      --object NAME.so         run this prebuilt object (refused unless it is, byte for byte,
                               what FILE builds for the CPU it records)
      --cpu C                  with aot: generic, host (default) or x86-64-v2/v3/v4
      --quiet                  do not print the summary or the progress bar

    On order-book data (--data naming one LOBSTER message file, ITCH 5.0 file or .tick file) the
    strategy steps on every event and its orders go through the simulated venue:
      --order-latency L        decision to venue: 250us, 2ms, uniform:50us:150us, lognormal:100us:0.5
      --feed-latency L         venue event to the strategy (same forms; default 0)
      --queue MODEL            conservative-fifo (default), proportional or optimistic
      --trade-through RULE     printed-quantity (default) or whole-order
      --maker-fee KIND:RATE    per-share:-0.002 (a rebate) or per-notional:RATE; --taker-fee likewise
      --seed N                 seed of the latency draws (default 0)
      --date YYYY-MM-DD        the session date when the file name does not give it
      --on-error stop|skip     stop at the first malformed message (default) or skip and count
    """

  static let sweep = """
    stratc sweep FILE --data SYMBOL=PATH... --param NAME=VALUES... [options]

    Runs one backtest per point of the grid of parameter values (every combination, the last
    --param varying fastest) on parallel threads, and writes one CSV row per run in grid order:
    run,<parameters>,pnl,sharpe,sortino,max_drawdown,trades,turnover,fees,steps,events,rejected,
    unfilled,error, then a final line `# trials N`. The best run by --metric, and the number of
    trials, are printed on stderr. The CSV is the same byte for byte whatever --jobs is.

      --param NAME=LO:HI:STEP  exact decimal range, HI included (lookback=10:50:5, entry=0.5:2:0.25)
      --param NAME=A,B,C       listed values (numbers, or true/false for a Bool)
      --data SYMBOL=PATH       bars for a symbol (repeatable), loaded once for all runs
      --instrument NAME=SYMBOL bind a strategy instrument to a symbol
      --fill next-open|close   as for backtest
      --fee KIND:RATE          as for backtest
      --metric NAME            rank by sharpe (default), pnl, sortino, max_drawdown, fees or trades
      --jobs N                 threads (default: every core)
      --backend interp|jit|aot as for backtest (default jit); runs whose parameters change only
                               values, not windows, share one compiled code
      --out FILE.csv           write the CSV there instead of stdout
      --quiet                  no progress bar

    Values must lie in the parameter's declared range and on its declared step; at most
    10,000,000 runs. Exit 0 when every run ran, 1 when the strategy or the data is wrong or a
    run failed, 2 for a bad command line.
    """

  static let data = """
    stratc data import INPUT... --store DIR [--format F] [--symbol S] [--date D] [--on-error stop|skip]
    stratc data info FILE [--format F] [--date D] [--on-error stop|skip]
    stratc data export FILE.tick [--out FILE.csv]
    stratc data bench FILE.tick [--generate N] [--repeat R]
    stratc data book FILE --levels N [...]     (see stratc data book --help)
    stratc data convert MESSAGE_FILE --to itch -o OUT.itch [...]   (see stratc data convert --help)

    import  reads each INPUT and writes one tick file per instrument and UTC day,
            DIR/SYMBOL/YYYY-MM-DD.tick (format: Docs/TICKSTORE.md); prints files, rows, bytes
            and the number of malformed rows skipped. Nothing is written for an input that
            stops on an error.
    info    describes a tick file (header, columns, rows, span), a CSV (layout, rows, span,
            symbol), a LOBSTER file (messages, type mix, levels) or an ITCH file (framing,
            message counts by type, span).
    export  writes a tick file as CSV in the layout import reads (stdout without --out), so
            import → export → import gives the same tick file.
    bench   replays an orders tick file and prints events per second (--generate N first
            writes N synthetic events to FILE.tick).
    convert writes a LOBSTER message file as a NASDAQ TotalView-ITCH 5.0 file.

      --format F      csv-bars, csv-trades, csv-quotes, csv-orders, lobster, itch
                      (default: detected from the file name and first line)
      --symbol S      the instrument when the file has no symbol column or LOBSTER name
                      (default: from the file name, AAPL-trades.csv → AAPL)
      --date D        session date YYYY-MM-DD for LOBSTER and ITCH (default: from the name)
      --on-error P    stop at the first malformed row (default) or skip and count them
    """
}

/// The text of `--help` for stratc and each subcommand.
enum Help {
  /// The help of each command and data subcommand, by the words that name it.
  static let topics: [String: String] = [
    "check": check, "ir": ir, "report": report, "build": build, "inspect": inspect, "keygen": KeygenCommand.help, "backtest": backtest,
    "sweep": sweep, "explain": ExplainCommand.help, "data": data, "data import": data, "data info": data, "data export": data,
    "data bench": data, "data book": DataBookCommand.help, "data convert": DataConvertCommand.help,
    "emit-hls": emitHLS, "hls-sim": hlsSim,
  ]

  /// The top-level commands, for did-you-mean.
  static let commands = [
    "check", "ir", "build", "inspect", "keygen", "report", "backtest", "sweep", "explain", "data", "emit-hls",
    "hls-sim", "help",
  ]

  /// `stratc help [COMMAND [SUBCOMMAND]]`: that help on stdout, or a usage error naming the
  /// closest command.
  static func show(_ words: [String]) -> ExitCode {
    let topic = words.filter { !$0.hasPrefix("-") }.joined(separator: " ")
    if topic.isEmpty {
      Output.standardOutput(main + "\n")
      return .success
    }
    guard let text = topics[topic] else {
      let problem = Arguments.unknown("help topic", topic, among: Array(topics.keys))
      return CommandFailure.exitCode(for: problem, command: "", output: Output(arguments: words))
    }
    Output.standardOutput(text + "\n")
    return .success
  }

  static let main = """
    stratc — compile and backtest .strat trading strategies

    USAGE
      stratc check FILE...                     check strategies; report every problem
      stratc ir FILE [--no-opt] [--llvm]       print the IR (or the LLVM IR)
      stratc build FILE -o NAME.so [--cpu C] [--sign KEYFILE]   compile to a shared object with the C ABI of include/stratc.h
      stratc inspect NAME.so [--key KEYFILE]   check a stratc object and print what it says of itself
      stratc keygen KEYFILE                    write a new key for build --sign (mode 0600)
      stratc report FILE [--json]              print the static report (state, operations, warm-up)
      stratc backtest FILE --data SYMBOL=PATH... --out DIR   run a backtest on CSV bars
      stratc data import|info|export|book|convert ...  market data: tick store import, describe, export, rebuilt book, LOBSTER → ITCH
      stratc sweep FILE --data SYMBOL=PATH... --param NAME=LO:HI:STEP...   backtest a grid
      stratc explain DIR --fill N              say why fill N of a backtest's trades.csv happened
      stratc emit-hls FILE -o DIR              write an HLS C++ kernel, testbench and shim (Docs/HLS.md)
      stratc hls-sim FILE --ticks T -o OUT     run the kernel's fixed point on ticks (--compare: against double)

    OPTIONS (every subcommand)
      --diagnostics=text|json   how errors are printed on stderr (json: one object per line)
      --help                    help for a subcommand: stratc backtest --help, or stratc help backtest
      --version                 print the version

    EXIT STATUS
      0 success; 1 the strategy or the data is wrong; 2 bad command line; 3 internal error

    EXAMPLES
      stratc check Strategies/pairs.strat
      stratc backtest Strategies/pairs.strat --data Examples/data --out out/pairs
      stratc help backtest
    """

  static let check = """
    stratc check FILE... [--diagnostics=text|json] [--quiet]

    Parses and checks each file: names, types and units, look-ahead, constant windows, and
    prints one line per valid file (`ok  FILE: strategy NAME, instruments, params, windows,
    warm-up`; --quiet prints nothing). Exit 0 when all are valid, 1 when any has an error
    (warnings alone do not fail).

    EXAMPLES
      stratc check Strategies/pairs.strat Strategies/bollinger.strat
      stratc check --diagnostics=json --quiet Strategies/logistic.strat
    """

  static let ir = """
    stratc ir FILE [--no-opt] [--llvm] [--param NAME=VALUE]...

    Prints the strategy's IR: its state slots and its step function. --no-opt prints the IR as
    lowered, before constant folding, shared windows and dead-code removal. --llvm prints the
    LLVM IR the JIT and AOT compile instead: the step and init functions, the buffer
    arithmetic they inline, and the descriptor of include/stratc.h.

    EXAMPLES
      stratc ir Strategies/pairs.strat
      stratc ir Strategies/pairs.strat --param lookback=30 --no-opt
      stratc ir Strategies/bollinger.strat --llvm
    """

  static let inspect = """
    stratc inspect NAME.so [--key KEYFILE]

    Checks a stratc object as `--object` does before loading it (a whole ELF shared object for
    this machine, everything the system loader reads, the .stratc metadata section, this ABI
    version, a descriptor that repeats it) and prints its metadata, instruments, parameters (the
    values it was built with), state slots and the input fields it reads, all read from the
    file: the object is never loaded, so none of its code runs. Exit 1 with the reason (and the
    byte offset of the fault) when it is refused. The last line says whether NAME.so.sig signs
    it, and with which key id.

      --key KEYFILE   also run the live engine's checks with this key: exit 1 unless the
                      object is signed by it and unaltered

    EXAMPLES
      stratc build Strategies/pairs.strat -o out/examples/inspect/pairs.so
      stratc inspect out/examples/inspect/pairs.so
    """

  static let build = """
    stratc build FILE -o NAME.so [--cpu generic|host|x86-64-v2|x86-64-v3|x86-64-v4]
                 [--param NAME=VALUE]... [--instrument NAME=SYMBOL]... [--sign KEYFILE]

    Compiles the strategy ahead of time into a shared object that exports the C ABI declared in
    include/stratc.h (one symbol, stratc_strategy_v1): init, step, the state layout, the
    parameter table, the instruments, the risk limits, and metadata (ABI version, compiler
    version, SHA-256 of the source and of the code). Any host can dlopen it: Examples/abi/ has
    a C and a Python ctypes host. `stratc backtest FILE --object NAME.so` runs it, after checking
    that it was built from FILE. Parameters are read at run time: --param values become the
    object's defaults, and a host may pass others (a window length is part of the code, though).

      --cpu generic            any x86-64 machine (the default everywhere); host: every feature of this CPU
      -o, --out NAME.so        where to write the object (replaced atomically; its folder is created)
      --sign KEYFILE           also write NAME.so.sig, its HMAC-SHA256 signature with this key
                               (`stratc keygen`), which the live engine checks before loading it;
                               without --sign, a NAME.so.sig left from an earlier build is removed

    Linking needs a C compiler (cc). Results are identical for every --cpu: no fast-math and no
    FMA contraction are allowed.

    EXAMPLES
      stratc build Strategies/pairs.strat -o out/examples/build/pairs.so
      stratc build Strategies/pairs.strat -o out/examples/build/pairs-host.so --cpu host --param entry=2.5
      stratc keygen out/examples/build/strat.key --force
      stratc build Strategies/pairs.strat -o out/examples/build/pairs-signed.so --sign out/examples/build/strat.key
    """

  static let report = """
    stratc report FILE [--json] [--param NAME=VALUE]...

    Prints the static report: state bytes per slot, operations per step, the longest lag and
    window, and the warm-up (steps after every instrument is seen before a rule can fire).

    EXAMPLES
      stratc report Strategies/pairs.strat
      stratc report Strategies/bollinger.strat --json --param window=40
    """

  static let backtest = """
    stratc backtest FILE --data SYMBOL=PATH... --out DIR [options]

    Runs the strategy over CSV bars, one evaluation step per timestamp at which any of its
    instruments has a bar, or over order-book events (below), and writes DIR/trades.csv,
    DIR/orders.csv, DIR/round_trips.csv, DIR/equity.csv and DIR/summary.json (columns:
    Docs/OUTPUTS.md); `stratc explain DIR --fill N` says why any fill happened. The run id
    printed in the summary hashes the code, the parameters, every input file, the settings and
    the compiler version: the same id means the same output bytes, whatever the backend.

      --data SYMBOL=PATH       bars for a symbol (repeatable); PATH may be a folder of SYMBOL.csv
                               or a .tick file of bars; a pipe or FIFO is read once (at most 1 GiB)
      --instrument NAME=SYMBOL bind a strategy instrument to a symbol (default: its declaration)
      --param NAME=VALUE       set a parameter (repeatable)
      --fill next-open|close   fill at the next bar's open (default) or the decision bar's close
      --fee KIND:RATE          per-share:0.005 (currency per unit) or per-notional:0.0005 (fraction)
      --out DIR                where to write the results (created if missing)
      --capital AMOUNT         starting account value for returns, CAGR, Sharpe and Sortino on
                               returns, % drawdown and the buy-and-hold benchmark (default 100000)
      --report FILE.html       also write a self-contained HTML report (charts, metrics, trades)
      --backend interp|jit|aot the interpreter, native code from the LLVM JIT (default), or a
                               shared object compiled ahead of time (as `stratc build` makes)
      --object NAME.so         run this prebuilt object (refused unless it is, byte for byte,
                               what FILE builds for the CPU it records)
      --cpu C                  with aot: generic (default, as for build), host or x86-64-v2/v3/v4
      --quiet                  do not print the summary or the progress bar
      --timing                 print where the time went (load, compile, loop, write) on stderr
                               and add it to summary.json as "timing" (seconds)

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

    EXAMPLES
      stratc backtest Strategies/pairs.strat --data Examples/data --out out/examples/pairs --report out/examples/pairs/report.html
      stratc backtest Strategies/pairs.strat --data Examples/data --instrument a=KO --instrument b=PEP --fill close --fee per-share:0.005 --out out/examples/ko-pep
      stratc backtest Strategies/market_maker.strat --data ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv --order-latency 100us --feed-latency 20us --out out/examples/mm
    """

  static let sweep = """
    stratc sweep FILE --data SYMBOL=PATH... --param NAME=VALUES... [options]

    Runs one backtest per point of the grid of parameter values (every combination, the last
    --param varying fastest) on parallel threads, and writes one CSV row per run in grid order:
    run,<parameters>,pnl,sharpe,sortino,max_drawdown,trades,turnover,fees,steps,events,rejected,
    unfilled,total_return,sharpe_returns (empty when not annualised),error,run_id (columns:
    Docs/OUTPUTS.md), and nothing else, so pandas reads it as it is. The number of trials and
    the best run by --metric are printed on stderr and, with --out NAME.csv, written to
    NAME.json beside it with every run id. The CSV is the same byte for byte whatever --jobs is.

      --param NAME=LO:HI:STEP  exact decimal range, HI included (lookback=10:50:5, entry=0.5:2:0.25)
      --param NAME=A,B,C       listed values (numbers, or true/false for a Bool)
      --data SYMBOL=PATH       bars for a symbol (repeatable), loaded once for all runs
      --instrument NAME=SYMBOL bind a strategy instrument to a symbol
      --fill next-open|close   as for backtest
      --fee KIND:RATE          as for backtest
      --capital AMOUNT         as for backtest (default 100000): the base of total_return
      --metric NAME            rank by sharpe (default), pnl, sortino, max_drawdown, fees or trades
      --jobs N                 threads (default: every core)
      --backend interp|jit|aot as for backtest (default jit); runs whose parameters change only
                               values, not windows, share one compiled code
      --cpu C                  with aot: as for backtest
      --out FILE.csv           write the CSV there (and FILE.json) instead of stdout
      --quiet                  no progress bar

    Values must lie in the parameter's declared range and on its declared step; at most
    10,000,000 runs. Exit 0 when every run ran, 1 when the strategy or the data is wrong or a
    run failed, 2 for a bad command line.

    EXAMPLES
      stratc sweep Strategies/pairs.strat --data Examples/data --param lookback=10:50:10 --param entry=1.5,2 --out out/examples/sweep.csv
      stratc sweep Strategies/bollinger.strat --data Examples/data --param band=1.5:2.5:0.5 --metric pnl --jobs 2 --quiet
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

    EXAMPLES
      stratc data import ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv --store out/examples/store
      stratc data info out/examples/store/GOOG/2012-06-21.tick
      stratc data info Examples/data/SPY.csv
      stratc data export out/examples/store/GOOG/2012-06-21.tick --out out/examples/goog-orders.csv
      stratc data bench out/examples/bench.tick --generate 100000
    """

  static let emitHLS = """
    stratc emit-hls FILE -o DIR [--param NAME=VALUE]... [--fixed W,I] [--price-range LO,HI]
                    [--max-size N] [--ticks FILE | --data SYMBOL=PATH... [--instrument NAME=SYMBOL]...] [--verilog] [--itch]

    Writes the strategy as a Vitis HLS kernel in fixed point: DIR/NAME.h, NAME.cpp, NAME_tb.cpp,
    shim/ (ap_int.h, ap_fixed.h, hls_stream.h), ticks.csv (from --ticks, --data, or a seeded
    random walk), expected.out (hls-sim's output for those ticks), report.txt and README.md.
    Parameters are compile-time constants. Every value's format comes from a range analysis of
    the declared inputs: prices in --price-range (default 0.01,100000), sizes up to --max-size
    (default 2^40); a value it cannot bound gets ap_fixed<W,I> of --fixed (default 63,24) and
    saturates. A construct the kernel cannot compute is refused with a diagnostic. Then build
    and run the testbench (DIR/README.md says how to take the kernel into Vitis HLS):

      cd out/examples/hls/pairs && g++ -std=c++14 -O2 -I shim pairs.cpp pairs_tb.cpp -o tb && ./tb ticks.csv out.txt
      cmp out.txt expected.out

    --verilog also writes NAME.v (a Verilog-2005 module, one tick per clock edge), NAME_vtb.cpp
    (its verilator testbench, same output format) and synth.ys (yosys generic cell counts), or
    refuses a strategy outside the rendered subset (division by a variable, sqrt, log, exp).
    The third example's strategy is named `t`, so its module is k_t:

      cd out/examples/hls/sma && verilator --cc --exe --build k_t.v k_t_vtb.cpp -o vtb && obj_dir/vtb ticks.csv v.txt
      cmp v.txt expected.out && yosys -q -s synth.ys && cat stat-coarse.txt

    A strategy of the top of book (bid, ask, their sizes and what is built on them) steps once
    per book event; a book field is -1 in ticks.csv while its side is empty. With --itch it
    also gets the tick-to-trade kernel: NAME_itch.cpp puts the ITCH 5.0 front end (itch_book,
    one tick per order, trade or trading-state message of its stocks) in front of the kernel
    and the order stage behind it (each order an OUCH 4.2 Enter Order; cancels and replaces are
    counted, not sent), and NAME_itch_tb.cpp runs an ITCH file through them; with --data
    FEED.itch, expected.out and expected.ouch are that file's, and DIR/README.md gives the g++
    line:

      cd out/examples/hls/book && ./itch_tb ../../../../../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50 out.txt

    For a bar strategy --itch writes the stages on their own: itch_book.h/.cpp (a book_tick per
    top-of-book change) and ouch_enter.h (a 49-byte OUCH 4.2 Enter Order), each with its
    testbench.

    EXAMPLES
      stratc emit-hls Strategies/pairs.strat -o out/examples/hls/pairs --itch
      stratc emit-hls Tests/EndToEnd/strategies/hls_book.strat -o out/examples/hls/book --itch --data ../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50
      stratc emit-hls Strategies/bollinger.strat -o out/examples/hls/bollinger --data Examples/data
      stratc emit-hls Tests/Filetests/cases/run/sma.strat -o out/examples/hls/sma --verilog
    """

  static let hlsSim = """
    stratc hls-sim FILE (--ticks TICKS | --data SYMBOL=PATH...) [-o OUT] [--ticks-out FILE] [--compare]
                   [--orders-out FILE] [--param NAME=VALUE]... [--instrument NAME=SYMBOL]... [--fixed W,I] [--price-range LO,HI]
                   [--max-size N]

    Runs the kernel's arithmetic (the interpreter's fixed-point mode) on a tick file, or on the
    backtest's data, and writes what the testbench writes: one line per tick with a decision,
    raw bits in hex. --ticks-out writes the ticks of --data as a tick file. --compare counts
    the ticks whose decisions differ from the double-precision interpreter's. On order-book
    data (LOBSTER, ITCH, a tick store) a tick is one step of the book backtest: one event.
    --orders-out writes, for a strategy of the top of book, the OUCH 4.2 bytes the
    tick-to-trade kernel's order stage sends on those ticks (what ./itch_tb writes).

    EXAMPLES
      stratc hls-sim Strategies/pairs.strat --data Examples/data --ticks-out out/examples/hls/pairs.ticks --compare
      stratc hls-sim Strategies/pairs.strat --ticks out/examples/hls/pairs.ticks -o out/examples/hls/pairs.out
    """
}

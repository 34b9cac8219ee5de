import Foundation
import StratABI
import StratDiagnostics
import StratHLS
import StratIR
import StratMarket

/// `stratc emit-hls` and `stratc hls-sim`: the FPGA backend (Docs/HLS.md).
enum HLSCommands {
  // stratc emit-hls FILE -o DIR [--param N=V]... [--fixed W,I] [--price-range LO,HI] [--max-size N]
  //   [--ticks FILE | --data SYMBOL=PATH... [--instrument NAME=SYMBOL]...] [--verilog] [--itch]
  static func emit(_ args: Arguments, output: Output) throws -> ExitCode {
    guard let out = args.value("out") else { throw Arguments.Problem.usage("give -o DIR") }
    try OutputPaths.checkOutputFolder(flag: "-o", path: out, inputs: inputPaths(args))
    let (plan, code) = try planned(args, output: output)
    guard let plan else { return code }
    var verilog: VerilogEmitter?
    if args.has("verilog") {
      switch VerilogEmitter.make(plan) {
      case .success(let v): verilog = v
      case .failure(let refusal):
        let source = try? Output.readSource(args.positional[0]).get()
        output.report([refusal.diagnostic(path: args.positional[0], source: source)])
        return .userError
      }
    }
    var feed: (ITCHFrontEnd, OUCHBackEnd)?
    var itchKernel: ITCHKernel?
    if args.has("itch") {
      do throws(ITCHFrontEnd.Refusal) {
        let symbols = boundSymbols(args, plan)
        if plan.readsBook {
          itchKernel = try ITCHKernel(plan: plan, symbols: symbols, midnightNanos: try itchMidnight(args))
        } else {
          feed = (try ITCHFrontEnd(symbols: symbols), try OUCHBackEnd(symbols: symbols))
        }
      } catch {
        output.report([Diagnostic(id: "hls.itch", message: "cannot emit the ITCH front end: \(error.description)", at: DataLocation(path: args.positional[0]))])
        return .userError
      }
    }
    let ticks: [Tick]
    switch try HLSTicks.load(args, plan, output: output) {
    case .success(let t): ticks = t ?? TickFile.synthetic(plan)
    case .failure(let code): return code
    }
    do {
      var files = try KernelDirectory.write(plan, source: args.positional[0], ticks: ticks, into: URL(fileURLWithPath: out))
      files += try verilog?.write(source: args.positional[0], into: URL(fileURLWithPath: out)) ?? []
      if let (book, ouch) = feed {
        files += try appendFeed(book.files + ouch.files, readme: book.readmeSection, into: out, after: files)
      }
      if let itchKernel {
        files += try appendFeed(itchKernel.files, readme: itchKernel.readmeSection, into: out, after: files)
      }
      // The orders of the ITCH file's ticks: what ./itch_tb sends on that file.
      if let itchKernel, itchData(args) != nil {
        let orders = KernelOrders.simulate(plan, backEnd: itchKernel.backEnd, ticks).bytes
        try Data(orders).write(to: URL(fileURLWithPath: out).appendingPathComponent("expected.ouch"), options: .atomic)
        files.append("expected.ouch")
      }
      if !args.has("quiet") {
        Output.standardOutput("wrote \(out)/: \(files.joined(separator: ", "))\n" + KernelReport(plan: plan).summary)
      }
      return .success
    } catch {
      output.report([Diagnostic(id: "hls.write", message: "cannot write \(out): \(error.localizedDescription)")])
      return .userError
    }
  }

  /// Writes the feed stages' files beside the kernel and appends their README section.
  static func appendFeed(_ stages: [(name: String, text: String)], readme section: String, into out: String, after files: [String]) throws -> [String] {
    let written = try HLSShim.write(stages, into: URL(fileURLWithPath: out)).filter { !files.contains($0) }
    let readme = URL(fileURLWithPath: out).appendingPathComponent("README.md")
    try Data(((try String(contentsOf: readme, encoding: .utf8)) + section).utf8).write(to: readme, options: .atomic)
    return written
  }

  /// The feed symbol of each instrument: the declared one, or `--instrument NAME=SYMBOL`'s.
  static func boundSymbols(_ args: Arguments, _ plan: KernelPlan) -> [String] {
    var symbols = plan.module.instruments.map(\.symbol)
    for binding in args.values("instrument") {
      let parts = binding.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, let i = plan.module.instruments.firstIndex(where: { $0.name == parts[0] }) else { continue }
      symbols[i] = parts[1]
    }
    return symbols
  }

  /// The UTC instant of the session's midnight of the ITCH file given with `--data` (from its
  /// name or `--date`), at the offset in force at noon: what the kernel adds to ITCH's time of
  /// day. 0 without ITCH data.
  static func itchMidnight(_ args: Arguments) throws(ITCHFrontEnd.Refusal) -> Int64 {
    guard let path = itchData(args) else { return 0 }
    do throws(MarketDataError) {
      let noon: Int64 = 12 * 3_600_000_000_000
      return try TickImport.itchSessionClock(path: path, date: args.value("date")).utcNanos(nanosOfDay: noon) - noon
    } catch {
      throw ITCHFrontEnd.Refusal(description: error.diagnostics.first?.message ?? "no session date for \(path)")
    }
  }

  /// The ITCH file given with `--data`, if it is one: told by name, as the book backtest tells
  /// ITCH, so that the two read the same file alike.
  static func itchData(_ args: Arguments) -> String? {
    let paths = args.values("data").map { $0.split(separator: "=", maxSplits: 1).last.map(String.init) ?? $0 }
    guard let path = paths.first, BookFeed.format(of: path) == .itch else { return nil }
    return path
  }

  // stratc hls-sim FILE (--ticks TICKS | --data SYMBOL=PATH...) -o OUT [--ticks-out FILE] [--compare]
  //   [--orders-out FILE]
  static func simulate(_ args: Arguments, output: Output) throws -> ExitCode {
    for flag in ["out", "ticks-out", "orders-out"] {
      if let path = args.value(flag) {
        try OutputPaths.checkOutputFile(flag: flag == "out" ? "-o" : "--" + flag, path: path, inputs: inputPaths(args))
      }
    }
    let (plan, code) = try planned(args, output: output)
    guard let plan else { return code }
    guard let ticks = try HLSTicks.load(args, plan, output: output).get() else {
      throw Arguments.Problem.usage("give --ticks FILE, or --data SYMBOL=PATH to read the backtest's data")
    }
    guard ["out", "ticks-out", "orders-out"].contains(where: { args.value($0) != nil }) || args.has("compare") else {
      throw Arguments.Problem.usage("give -o OUT (the testbench's output), --ticks-out FILE, --orders-out FILE or --compare")
    }
    if let path = args.value("ticks-out"),
      !write(TickFile.header(plan) + ticks.map { TickFile.line($0, plan) }.joined(), to: path, output: output)
    {
      return .userError
    }
    if let path = args.value("out"), !write(KernelOutputFile.simulate(plan, ticks), to: path, output: output) {
      return .userError
    }
    if let path = args.value("orders-out"), !writeOrders(args, plan, ticks, to: path, output: output) {
      return .userError
    }
    if args.has("compare") { Output.standardOutput(HLSComparison.run(plan, ticks).text) }
    return .success
  }

  /// The tick-to-trade kernel's OUCH bytes on `ticks` (`KernelOrders`).
  static func writeOrders(_ args: Arguments, _ plan: KernelPlan, _ ticks: [Tick], to path: String, output: Output) -> Bool {
    let backEnd: OUCHBackEnd
    do throws(ITCHFrontEnd.Refusal) {
      if let reason = ITCHKernel.refusal(plan) { throw ITCHFrontEnd.Refusal(description: reason) }
      backEnd = try OUCHBackEnd(symbols: boundSymbols(args, plan))
    } catch {
      output.report([Diagnostic(id: "hls.itch", message: "no OUCH orders: \(error.description)", at: DataLocation(path: args.positional[0]))])
      return false
    }
    do {
      try Data(KernelOrders.simulate(plan, backEnd: backEnd, ticks).bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
      return true
    } catch {
      output.report([Diagnostic(id: "hls.write", message: "cannot write \(path): \(error.localizedDescription)")])
      return false
    }
  }

  /// Every file the command reads: the strategy, the tick file and the data.
  static func inputPaths(_ args: Arguments) -> [String] {
    args.positional + args.values("ticks") + OutputPaths.dataPaths(args.values("data"))
  }

  /// Compiles the file and plans its kernel; reports refusals.
  static func planned(_ args: Arguments, output: Output) throws -> (KernelPlan?, ExitCode) {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one .strat file") }
    let options = try kernelOptions(args)
    let params = Dictionary(try args.pairs("param"), uniquingKeysWith: { $1 })
    var compiled: CompileCommands.Compiled
    switch CompileCommands.compile(args.positional[0], params: params, optimize: true, output: output) {
    case .success(let c): compiled = c
    case .failure(let code): return (nil, code)
    }
    if let code = BacktestCommand.bind(&compiled.module, try args.pairs("instrument"), output: output) {
      return (nil, code)
    }
    let source = try? Output.readSource(args.positional[0]).get()
    switch KernelPlanner.plan(compiled.module, options: options, path: args.positional[0], source: source) {
    case .success(let plan): return (plan, .success)
    case .failure(let refusal):
      output.report(refusal.diagnostics)
      return (nil, .userError)
    }
  }

  static func kernelOptions(_ args: Arguments) throws -> KernelOptions {
    var options = KernelOptions()
    if let text = args.value("fixed") {
      let parts = text.split(separator: ",").map { Int($0) }
      guard parts.count == 2, let w = parts[0], let i = parts[1], (8...63).contains(w), (2...w).contains(i) else {
        throw Arguments.Problem.usage("--fixed W,I wants a width 8…63 and integer bits 2…W; found `\(text)`")
      }
      options.width = w
      options.fallbackIntegerBits = i
    }
    if let text = args.value("price-range") {
      let parts = text.split(separator: ",").map { Double($0) }
      // 1e10: the order layer's prices are Int64 in 1e-8 (at most 9.2e10), and the risk stage
      // multiplies a reference in 1e-8 by a quantity in 64 bits.
      guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo > 0, hi > lo, hi <= 1e10 else {
        throw Arguments.Problem.usage("--price-range LO,HI wants 0 < LO < HI ≤ 1e10; found `\(text)`")
      }
      options.priceRange = lo...hi
    }
    if let text = args.value("max-size") {
      guard let n = Double(text), n >= 1, n < 1e15 else {
        throw Arguments.Problem.usage("--max-size wants a number 1…1e15; found `\(text)`")
      }
      options.maxSize = n
    }
    return options
  }

  /// Writes `text` to a temporary file beside `path`, then renames it into place (the folder is
  /// created). OutputPaths has refused a `path` that is a device or a folder.
  static func write(_ text: String, to path: String, output: Output) -> Bool {
    do {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
      return true
    } catch {
      output.report([Diagnostic(id: "hls.write", message: "cannot write \(path): \(error.localizedDescription)")])
      return false
    }
  }
}

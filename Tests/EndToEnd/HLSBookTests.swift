import Foundation
import StratHLS
import StratTestSupport
import Testing

/// The tick-to-trade path (issue 13, point 6): raw ITCH 5.0 bytes through the emitted front
/// end into the strategy kernel, built with g++, print exactly what `stratc hls-sim` computes
/// on the ticks the book backtest of the same file fed the interpreter (one step per event of
/// the instrument, the top of book after it, −1 for an empty side), and those decisions are
/// the double interpreter's.
@Suite struct HLSBookTests {
  static let strategy = "Tests/EndToEnd/strategies/hls_book.strat"
  static let itch = Stratc.root.path + "/../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"

  static var hasCompiler: Bool { shell("g++ --version", in: "/").status == 0 }

  static func shell(_ command: String, in directory: String) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command + " 2>&1"]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// The three stocks of the synthetic day: 1013, 124 and 1036 records.
  @Test(arguments: ["ALC", "BOB", "CHAR"])
  func theITCHKernelPrintsWhatHLSSimComputesOnTheBacktestsTicks(symbol: String) throws {
    try #require(FileManager.default.fileExists(atPath: Self.itch), "../shared/data is needed")
    try #require(Self.hasCompiler, "g++ is needed to build the kernel")
    let dir = Stratc.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let emit = try Stratc.run([
      "emit-hls", Self.strategy, "-o", dir, "--data", Self.itch, "--instrument", "s=\(symbol)", "--itch", "--quiet",
    ])
    #expect(emit.status == 0, "\(emit.stderr)")
    let expected = try String(contentsOfFile: dir + "/expected.out", encoding: .utf8)
    #expect(expected.split(separator: "\n").count > 100, "the day must make decisions, or the check proves nothing")
    let build = Self.shell(
      "g++ -std=c++14 -O2 -I shim hls_book.cpp itch_book.cpp hls_book_itch.cpp hls_book_itch_tb.cpp -o itch_tb", in: dir)
    #expect(build.status == 0, "\(build.output)")
    let run = Self.shell("./itch_tb '\(Self.itch)' got.out", in: dir)
    #expect(run.status == 0, "\(run.output)")
    let got = (try? String(contentsOfFile: dir + "/got.out", encoding: .utf8)) ?? ""
    #expect(got == expected, "the ITCH kernel's records differ from hls-sim's")
    #expect(Self.shell("cmp got.out.ouch expected.ouch", in: dir).status == 0, "the kernel's OUCH orders differ from hls-sim's")
    // The same files against AMD's headers, when scripts/hls-vendor-headers has cached them.
    guard let vendor = Self.vendorHeaders else { return }
    let amd = Self.shell(
      "g++ -std=c++14 -O2 -w -I '\(vendor)' hls_book.cpp itch_book.cpp hls_book_itch.cpp hls_book_itch_tb.cpp -o itch_amd"
        + " && ./itch_amd '\(Self.itch)' amd.out && cmp amd.out expected.out && cmp amd.out.ouch expected.ouch", in: dir)
    #expect(amd.status == 0, "against the vendor headers: \(amd.output)")
  }

  /// The include folder of the vendor headers scripts/hls-vendor-headers caches, if any.
  static var vendorHeaders: String? {
    let cache = Stratc.root.appendingPathComponent(".build/hls-vendor").path
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
    return versions.sorted().map { "\(cache)/\($0)/ap_types" }.last { FileManager.default.fileExists(atPath: $0 + "/ap_fixed.h") }
  }

  /// hls-sim's ticks are the backtest's steps, one per event, and on them the fixed-point
  /// kernel decides exactly as the double interpreter.
  @Test func theTicksAreTheBacktestsStepsAndTheDecisionsTheInterpreters() throws {
    try #require(FileManager.default.fileExists(atPath: Self.itch), "../shared/data is needed")
    let dir = Stratc.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sim = try Stratc.run(["hls-sim", Self.strategy, "--data", Self.itch, "--compare", "--ticks-out", dir + ".ticks"])
    #expect(sim.status == 0, "\(sim.stderr)")
    #expect(sim.stdout.contains("compared 3210 ticks: 1159 decisions in fixed point, 1159 in double; 0 ticks differ"), "\(sim.stdout)")
    let ticks = try String(contentsOfFile: dir + ".ticks", encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(ticks.contains { $0.hasSuffix(" -1 -1") || $0.contains(" 1 -1 -1 ") }, "an empty side must occur")
    let backtest = try Stratc.run(["backtest", Self.strategy, "--data", Self.itch, "--backend", "interp", "--quiet", "--out", dir])
    #expect(backtest.status == 0, "\(backtest.stderr)")
    let summary = try String(contentsOfFile: dir + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\"steps\": \(ticks.count)"), "one tick per backtest step")
  }

  @Test func aBarStrategyWithITCHGetsTheStandaloneStagesOnly() throws {
    let dir = Stratc.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let emit = try Stratc.run(["emit-hls", "Strategies/pairs.strat", "-o", dir, "--itch", "--quiet"])
    #expect(emit.status == 0, "\(emit.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir + "/itch_book_tb.cpp"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/pairs_itch.cpp"))
  }

  /// The backtest's data meets the tick file's checks: a price past --price-range is refused at
  /// its step, never saturated into a different decision; `--date` reaches the backtest.
  @Test func theRecordedBacktestIsCheckedAndDatedAsTheBacktestIs() throws {
    try #require(FileManager.default.fileExists(atPath: Self.itch), "../shared/data is needed")
    let narrow = try Stratc.run(["hls-sim", Self.strategy, "--data", Self.itch, "--price-range", "0.01,1", "-o", Stratc.temporaryDirectory() + ".out"])
    #expect(narrow.status == 1, "\(narrow.stderr)")
    #expect(narrow.stderr.contains("hls.bad-tick") && narrow.stderr.contains("step 125 of the backtest"), "\(narrow.stderr)")
    #expect(narrow.stderr.contains("outside the declared range 0.01…1.0; widen it with --price-range"))
    func firstTime(_ extra: [String]) throws -> String {
      let out = Stratc.temporaryDirectory() + ".ticks"
      let run = try Stratc.run(["hls-sim", Self.strategy, "--data", Self.itch, "--ticks-out", out, "-o", out + ".out"] + extra)
      #expect(run.status == 0, "\(run.stderr)")
      let line = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").first { !$0.hasPrefix("#") }
      return String(line?.split(separator: " ").first ?? "")
    }
    let dated = try firstTime(["--date", "2010-12-25"]), undated = try firstTime([])
    #expect(Int64(dated)! - Int64(undated)! == 86_400_000_000_000, "\(dated) \(undated)")
  }

  /// Hostile order flow (zero shares, duplicate and unknown references, replaces of unknown
  /// orders onto live references, messages stamped before the last one) through the ITCH
  /// kernel: still exactly hls-sim on the backtest's ticks, refusals and all.
  @Test(arguments: [1, 2] as [UInt64])
  func hostileOrderFlowThroughTheITCHKernelIsStillTheBacktests(seed: UInt64) throws {
    try #require(Self.hasCompiler, "g++ is needed to build the kernel")
    let dir = Stratc.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var feed = ITCHBytes.randomFlow(seed: seed, messages: 3_000)
    // Late messages: stamped an hour before the flow, after it has run.
    for k in 0..<40 as Range<UInt64> {
      feed.add(locate: 2, ref: 5_000_000 + k, sell: k % 2 == 1, shares: 100, price: k % 2 == 1 ? 100_100 : 99_900, time: 30_000_000_000_000 + k)
      feed.delete(locate: 2, ref: 5_000_000 + k / 2, time: 30_000_000_000_000)
    }
    let path = try feed.file(in: URL(fileURLWithPath: dir))
    let emit = try Stratc.run([
      "emit-hls", Self.strategy, "-o", dir, "--data", path, "--date", "2024-03-05", "--itch", "--quiet",
      // Thresholds this flow's one-cent-wide book crosses often (the day's were set for RITCH's).
      "--param", "edge=0.00995", "--param", "margin=0.00051", "--param", "lean=0.10001",
    ])
    #expect(emit.status == 0, "\(emit.stderr)")
    let expected = try String(contentsOfFile: dir + "/expected.out", encoding: .utf8)
    #expect(expected.split(separator: "\n").count > 10, "the flow must make decisions, or the check proves nothing")
    let run = Self.shell(
      "g++ -std=c++14 -O2 -I shim hls_book.cpp itch_book.cpp hls_book_itch.cpp hls_book_itch_tb.cpp -o itch_tb"
        + " && ./itch_tb feed.itch got.out", in: dir)
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("unknown orders") && !run.output.contains(" 0 unknown orders"), "\(run.output)")
    let got = (try? String(contentsOfFile: dir + "/got.out", encoding: .utf8)) ?? ""
    let mismatch = zip(got.split(separator: "\n"), expected.split(separator: "\n")).first { $0 != $1 }
    #expect(got == expected, "first difference: \(mismatch.map { "\($0) but hls-sim \($1)" } ?? "in length")")
    #expect(Self.shell("cmp got.out.ouch expected.ouch", in: dir).status == 0, "the kernel's OUCH orders differ from hls-sim's")
  }

  /// Every decision kind through the order stage, built as C++14 at -O2 and as C++17 at -O0
  /// under ASan and UBSan: the OUCH bytes are hls-sim's (`KernelOrders`), each a well-formed
  /// Enter Order with tokens 1, 2, 3, …; the cancels are counted, never sent.
  @Test func everyDecisionKindLeavesTheITCHKernelAsTheOUCHHLSSimSends() throws {
    try #require(FileManager.default.fileExists(atPath: Self.itch), "../shared/data is needed")
    try #require(Self.hasCompiler, "g++ is needed to build the kernel")
    let dir = Stratc.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let emit = try Stratc.run(["emit-hls", "Tests/EndToEnd/strategies/hls_orders.strat", "-o", dir, "--data", Self.itch, "--itch", "--quiet"])
    #expect(emit.status == 0, "\(emit.stderr)")
    let sources = "hls_orders.cpp itch_book.cpp hls_orders_itch.cpp hls_orders_itch_tb.cpp"
    for (flags, tag) in [("-std=c++14 -O2", "o2"), ("-std=c++17 -O0 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined", "san")] {
      let run = Self.shell("g++ \(flags) -I shim \(sources) -o tb_\(tag) && ./tb_\(tag) '\(Self.itch)' \(tag).out", in: dir)
      #expect(run.status == 0 && !run.output.contains("runtime error"), "\(tag): \(run.output)")
      #expect(run.output.contains("cancel or replace") && !run.output.contains(" 0 cancel or replace"), "\(run.output)")
      #expect(Self.shell("cmp \(tag).out expected.out && cmp \(tag).out.ouch expected.ouch", in: dir).status == 0, "\(tag)")
    }
    // hls-sim writes the same bytes for anyone's data; a bar strategy has no order stage.
    let sim = try Stratc.run(["hls-sim", "Tests/EndToEnd/strategies/hls_orders.strat", "--data", Self.itch, "--orders-out", dir + "/sim.ouch"])
    #expect(sim.status == 0 && Self.shell("cmp sim.ouch expected.ouch", in: dir).status == 0, "\(sim.stderr)")
    let bars = try Stratc.run(["hls-sim", "Strategies/pairs.strat", "--data", "Examples/data", "--orders-out", dir + "/bars.ouch"])
    #expect(bars.status == 1 && bars.stderr.contains("error[hls.itch]: no OUCH orders: the strategy reads bars"), "\(bars.stderr)")
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/expected.ouch")))
    #expect(bytes.count % OUCHEnterOrder.length == 0 && bytes.count > 100 * OUCHEnterOrder.length)
    let orders = stride(from: 0, to: bytes.count, by: OUCHEnterOrder.length).compactMap {
      OUCHEnterOrder(bytes: Array(bytes[$0..<$0 + OUCHEnterOrder.length]))
    }
    #expect(orders.count * OUCHEnterOrder.length == bytes.count, "every message decodes")
    #expect(orders.enumerated().allSatisfy { $0.element.token == OUCHEnterOrder.token(UInt64($0.offset + 1)) })
    #expect(Set(orders.map(\.timeInForce)) == [0, 99_998] && Set(orders.map(\.side)) == [0x42, 0x53])
    #expect(orders.allSatisfy { $0.stock == "ALC" && $0.shares > 0 && $0.price > 0 })
  }
}

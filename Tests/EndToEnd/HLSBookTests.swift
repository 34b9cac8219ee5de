import Foundation
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
    // The same files against AMD's headers, when scripts/hls-vendor-headers has cached them.
    guard let vendor = Self.vendorHeaders else { return }
    let amd = Self.shell(
      "g++ -std=c++14 -O2 -w -I '\(vendor)' hls_book.cpp itch_book.cpp hls_book_itch.cpp hls_book_itch_tb.cpp -o itch_amd"
        + " && ./itch_amd '\(Self.itch)' amd.out && cmp amd.out expected.out", in: dir)
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
}

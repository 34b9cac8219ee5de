import Foundation
import StratMarket
import XCTest

@testable import StratHLS

/// The emitted ITCH front end, built with g++ and run on the bundled ITCH files, against the
/// project's Swift reader and BookSet: the same top-of-book changes, line for line.
final class ITCHFrontEndTests: XCTestCase {
  static let data = KernelHarness.repository.deletingLastPathComponent().appendingPathComponent(
    "shared/data"
  )
  static let ritch = data.appendingPathComponent("itch50-ritch-synthetic/ex20101224.TEST_ITCH_50")
    .path
  static let nasdaq = data.appendingPathComponent("itch50-nasdaq-real-directory-slice/sample.itch")
    .path
  static let sanitized = [
    "-std=c++14", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
  ]

  func testMessageLengthsAreTheSwiftReaders() {
    let emitted = ITCHFrontEnd.messageLengths.map { "\($0.type)=\($0.length)" }
    let reader = ITCHMessageType.all.map { "\(Character(UnicodeScalar($0.type)))=\($0.length)" }
    XCTAssertEqual(emitted, reader)
  }

  func testSyntheticDayGivesTheSwiftBooksTopOfBook() throws {
    try XCTSkipUnless(
      KernelHarness.hasCompiler && FileManager.default.fileExists(atPath: Self.ritch)
    )
    let symbols = ["ALC", "BOB", "CHAR"]
    let expected = try Self.swiftTops(Self.ritch, symbols: symbols)
    XCTAssertGreaterThan(expected.bookMessages, 6000, "the file's A/F/E/C/X/D/U messages")
    XCTAssertGreaterThan(expected.lines.count, 300, "392 top-of-book changes on this file")
    let dir = try build(
      ITCHFrontEnd(symbols: symbols),
      configurations: [["-std=c++14", "-O2"], ["-std=c++17", "-O2"], Self.sanitized]
    )
    for exe in dir.executables {
      let run = try Self.run(exe, on: Self.ritch, in: dir.url)
      XCTAssertEqual(run.lines.count, expected.lines.count, exe)
      for (k, (cpp, swift)) in zip(run.lines, expected.lines).enumerated() where cpp != swift {
        XCTFail("\(exe) tick \(k): \(cpp) but the Swift book gives \(swift)")
        break
      }
      XCTAssertEqual(run.status["messages"], 12_012, exe)
      XCTAssertEqual(run.status["located"], 3, exe)
      XCTAssertEqual(run.status["applied"], expected.bookMessages, exe)
      XCTAssertEqual(run.status["ticks"], expected.lines.count, exe)
      // What the Swift book could not apply is what the front end counted.
      XCTAssertEqual(run.status["unknown_order"], expected.issues[.unknownOrder], exe)
      XCTAssertEqual(run.status["duplicate_order"], expected.issues[.duplicateOrder], exe)
      XCTAssertEqual(
        run.status["over_take"],
        expected.issues[.overCancel] + expected.issues[.overExecute],
        exe
      )
      for field in [
        "unknown_type", "bad_length", "bad_value", "order_full", "level_full", "partial_bytes",
      ] {
        XCTAssertEqual(run.status[field], 0, "\(exe) \(field)")
      }
    }
  }

  /// The NASDAQ slice is a directory day start: S, R, H and Y only, no order message for any
  /// stock, so the book never changes; the front end still finds the symbols' locate codes.
  func testNasdaqSliceLocatesSymbolsAndHasNoBookMessages() throws {
    try XCTSkipUnless(
      KernelHarness.hasCompiler && FileManager.default.fileExists(atPath: Self.nasdaq)
    )
    let symbols = ["AAPL", "AA", "A", "ZZZZZZZ"]
    let expected = try Self.swiftTops(Self.nasdaq, symbols: symbols)
    XCTAssertEqual(expected.bookMessages, 0)
    XCTAssertEqual(expected.located, 3)
    let dir = try build(ITCHFrontEnd(symbols: symbols), configurations: [Self.sanitized])
    let run = try Self.run(dir.executables[0], on: Self.nasdaq, in: dir.url)
    XCTAssertEqual(run.lines, expected.lines)
    XCTAssertEqual(run.status["messages"], 1_000)
    XCTAssertEqual(run.status["located"], 3)
    XCTAssertEqual(run.status["ticks"], 0)
    XCTAssertEqual(run.status["bad_length"], 0)
  }

  /// Against AMD's open-source headers (hls4ml's ap_types, cached under .build/hls-vendor by
  /// scripts/hls-vendor-headers; skipped when absent) the front end prints the same ticks and
  /// status as against the shim.
  func testVendorHeadersGiveTheSameTicks() throws {
    try XCTSkipUnless(
      KernelHarness.hasCompiler && FileManager.default.fileExists(atPath: Self.ritch)
    )
    guard let vendor = Self.vendorHeaders else {
      throw XCTSkip("no vendor headers: run scripts/hls-vendor-headers")
    }
    let dir = try build(
      ITCHFrontEnd(symbols: ["ALC", "BOB", "CHAR"]),
      configurations: [["-std=c++14", "-O2"]]
    )
    let compile = KernelHarness.run(
      "/usr/bin/env",
      [
        "g++", "-std=c++14", "-O2", "-w", "-I", vendor, "itch_book.cpp", "itch_book_tb.cpp", "-o",
        "itch_vendor",
      ],
      in: dir.url
    )
    XCTAssertEqual(compile.status, 0, compile.output)
    let shim = try Self.run(dir.executables[0], on: Self.ritch, in: dir.url)
    let amd = try Self.run("itch_vendor", on: Self.ritch, in: dir.url)
    XCTAssertEqual(amd.lines, shim.lines)
    XCTAssertEqual(amd.status, shim.status)
  }

  /// The include folder of the cached vendor headers, if scripts/hls-vendor-headers ran.
  static var vendorHeaders: String? {
    let cache = KernelHarness.repository.appendingPathComponent(".build/hls-vendor")
    return ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).sorted()
      .map { cache.appendingPathComponent($0).appendingPathComponent("ap_types").path }
      .last { FileManager.default.fileExists(atPath: $0 + "/ap_int.h") }
  }

  // MARK: - The Swift side

  /// The top-of-book changes of `symbols` by the Swift reader and BookSet, as the testbench
  /// prints them: after each message of a wanted stock, a line for each book whose
  /// (best bid, its size, best ask, its size) changed; prices in 1/10000, empty side 0 0.
  static func swiftTops(_ path: String, symbols: [String]) throws
    -> (lines: [String], bookMessages: Int, located: Int, issues: BookIssueCounts)
  {
    let reader = try ITCHFileReader(path: path)
    let books = BookSet()
    var wanted: [UInt16: Int] = [:]
    var last = Array(repeating: [Int64](repeating: 0, count: 4), count: symbols.count)
    var lines: [String] = []
    var bookMessages = 0
    var located = 0
    let bookTypes: Set<UInt8> = Set("AFECXDU".utf8)
    while let message = try reader.next() {
      if case .stockDirectory(let d) = message, let n = symbols.firstIndex(of: d.stock.text) {
        wanted[d.header.stockLocate] = n
        located += 1
        continue
      }
      let header = message.header
      guard wanted[header.stockLocate] != nil,
        let event = message.orderEvent(sessionMidnightNanos: 0)
      else { continue }
      if bookTypes.contains(Self.type(of: message)) { bookMessages += 1 }
      books.apply(event)
      for (locate, n) in wanted.sorted(by: { $0.value < $1.value }) {
        let book = books.book(UInt32(locate))
        let top = [
          (book.bestBid?.price ?? 0) / 10_000, book.bestBid?.quantity ?? 0,
          (book.bestAsk?.price ?? 0) / 10_000, book.bestAsk?.quantity ?? 0,
        ]
        guard top != last[n] else { continue }
        last[n] = top
        lines.append("\(header.timestamp) \(n) " + top.map(String.init).joined(separator: " "))
      }
    }
    return (lines, bookMessages, located, books.issues)
  }

  static func type(of message: ITCHMessage) -> UInt8 {
    switch message {
    case .addOrder: return 0x41
    case .addOrderMPID: return 0x46
    case .orderExecuted: return 0x45
    case .orderExecutedWithPrice: return 0x43
    case .orderCancel: return 0x58
    case .orderDelete: return 0x44
    case .orderReplace: return 0x55
    default: return 0
    }
  }

  // MARK: - Building and running

  struct Built {
    var url: URL
    var executables: [String]
  }

  /// Writes the front end into a fresh directory and builds its testbench once per configuration.
  func build(_ frontEnd: ITCHFrontEnd, configurations: [[String]]) throws -> Built {
    let dir = try KernelHarness.scratch("itch")
    try frontEnd.write(into: dir)
    var executables: [String] = []
    for (k, flags) in configurations.enumerated() {
      let exe = "itch_tb\(k)"
      let compile = KernelHarness.run(
        "/usr/bin/env",
        ["g++"] + flags + [
          "-Wall", "-Wextra", "-Wno-unknown-pragmas", "-I", "shim", "itch_book.cpp",
          "itch_book_tb.cpp", "-o", exe,
        ],
        in: dir
      )
      guard compile.status == 0 else {
        throw KernelHarness.Failure(
          description: "g++ \(flags) failed:\n\(compile.output.prefix(4000))"
        )
      }
      XCTAssertFalse(
        compile.output.contains("warning"),
        "g++ \(flags) warns:\n\(compile.output.prefix(2000))"
      )
      executables.append(exe)
    }
    return Built(url: dir, executables: executables)
  }

  /// Runs a built testbench on `input`; its tick lines and its status counters.
  static func run(_ exe: String, on input: String, in dir: URL) throws -> (
    lines: [String], status: [String: Int]
  ) {
    let result = KernelHarness.run(
      dir.appendingPathComponent(exe).path,
      [input, "ticks.out"],
      in: dir
    )
    guard result.status == 0 else {
      throw KernelHarness.Failure(
        description: "./\(exe) \(input) exited \(result.status): \(result.output.prefix(3000))"
      )
    }
    guard let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("status ") })
    else {
      throw KernelHarness.Failure(
        description: "./\(exe) printed no status: \(result.output.prefix(2000))"
      )
    }
    var status: [String: Int] = [:]
    for pair in line.dropFirst("status ".count).split(separator: " ") {
      let parts = pair.split(separator: "=")
      status[String(parts[0])] = Int(parts[1])
    }
    XCTAssertEqual(Set(status.keys), Set(ITCHFrontEnd.statusFields))
    let text = try String(contentsOf: dir.appendingPathComponent("ticks.out"), encoding: .utf8)
    return (text.split(separator: "\n").map(String.init), status)
  }
}

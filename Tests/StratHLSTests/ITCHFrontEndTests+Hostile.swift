import Foundation
import XCTest

@testable import StratHLS
import StratTestSupport

/// Bad input through the front end built with ASan and UBSan: it must exit cleanly, count what
/// it refused, and never read or write out of bounds.
extension ITCHFrontEndTests {
  func testHostileOrderReferencesAreCountedAndChangeNoBook() throws {
    try XCTSkipUnless(KernelHarness.hasCompiler)
    var feed = ITCHBytes()
    feed.directory(locate: 7, "ALC")
    feed.add(locate: 9, ref: 5, sell: false, shares: 10, price: 1)  // not a wanted stock: ignored
    feed.delete(locate: 7, ref: 5)  // unknown here: counted
    feed.delete(locate: 7, ref: 0)
    feed.execute(locate: 7, ref: .max, shares: 1)
    feed.cancel(locate: 7, ref: 12_345, shares: 1)
    feed.replace(locate: 7, ref: 99, new: 100, shares: 1, price: 1)
    feed.add(locate: 7, ref: 1, sell: false, shares: 100, price: 100_000, time: 1_000)
    feed.add(locate: 7, ref: 1, sell: true, shares: 5, price: 1, time: 1_001)  // duplicate
    feed.add(locate: 7, ref: 2, sell: true, shares: 7, price: 100_100, time: 1_002)
    // The new reference is resting: refused.
    feed.replace(locate: 7, ref: 2, new: 1, shares: 3, price: 100_200, time: 1_003)
    feed.cancel(locate: 7, ref: 1, shares: 1_000, time: 1_004)  // more than rests: the order leaves
    feed.execute(locate: 7, ref: 1, shares: 1, time: 1_005)  // gone
    let dir = try build(ITCHFrontEnd(symbols: ["ALC"]), configurations: [Self.sanitized])
    let run = try Self.run(dir.executables[0], on: try feed.file(in: dir.url), in: dir.url)
    XCTAssertEqual(
      run.lines,
      ["1000 0 100000 100 0 0", "1002 0 100000 100 100100 7", "1004 0 0 0 100100 7"]
    )
    XCTAssertEqual(run.status["unknown_order"], 6)
    XCTAssertEqual(run.status["duplicate_order"], 2)
    XCTAssertEqual(run.status["over_take"], 1)
    XCTAssertEqual(run.status["applied"], 11)
    XCTAssertEqual(run.status["messages"], 13)
  }

  func testOrdersPastTheTablesAreCounted() throws {
    try XCTSkipUnless(KernelHarness.hasCompiler)
    var feed = ITCHBytes()
    feed.directory(locate: 1, "BOB")
    for k in 0..<40 {
      feed.add(
        locate: 1,
        ref: UInt64(k * 7_919),
        sell: k % 2 == 0,
        shares: 1,
        price: UInt32(1_000 + k)
      )
    }
    for k in 0..<40 { feed.delete(locate: 1, ref: UInt64(k * 7_919)) }
    let small = ITCHFrontEnd.Capacity(
      orderSlots: 16,
      orderProbes: 2,
      levelsPerSide: 4,
      levelProbes: 2
    )
    let dir = try build(
      ITCHFrontEnd(symbols: ["BOB"], capacity: small),
      configurations: [Self.sanitized]
    )
    let run = try Self.run(dir.executables[0], on: try feed.file(in: dir.url), in: dir.url)
    let refused = run.status["order_full"]! + run.status["level_full"]!
    XCTAssertGreaterThan(run.status["level_full"]!, 0)
    // Every delete of a refused add finds no order; every stored one leaves, emptying the book.
    XCTAssertEqual(run.status["unknown_order"], refused)
    XCTAssertEqual(run.lines.last.map { $0.hasSuffix(" 0 0 0 0 0") }, true)
    XCTAssertEqual(run.status["applied"], 80)
  }

  func testTruncatedCorruptedAndRandomInputsRunCleanAndAreCounted() throws {
    try XCTSkipUnless(
      KernelHarness.hasCompiler && FileManager.default.fileExists(atPath: Self.ritch)
    )
    let day = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.ritch)))
    let dir = try build(
      ITCHFrontEnd(symbols: ["ALC", "BOB", "CHAR"]),
      configurations: [Self.sanitized]
    )
    let exe = dir.executables[0]
    func run(_ bytes: [UInt8], _ name: String) throws -> (lines: [String], status: [String: Int]) {
      let path = dir.url.appendingPathComponent(name).path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      return try Self.run(exe, on: path, in: dir.url)
    }
    let full = try run(day, "full.itch")
    // Cut inside a message: the ticks before the cut are the full run's, the rest is pending.
    let cut = try run(Array(day.prefix(200_003)), "cut.itch")
    XCTAssertGreaterThan(cut.status["partial_bytes"]!, 0)
    XCTAssertEqual(cut.lines, Array(full.lines.prefix(cut.lines.count)))
    XCTAssertGreaterThan(cut.lines.count, 100)
    // Corrupted length prefixes: every 50th message gets a wrong one (short, long, or huge).
    var corrupt = day
    var at = 0
    var k = 0
    let lengths = Dictionary(
      uniqueKeysWithValues: ITCHFrontEnd.messageLengths.map {
        (UInt8(ascii: $0.type.unicodeScalars.first!), $0)
      }
    )
    while at + 3 <= corrupt.count, let length = lengths[corrupt[at + 2]]?.length {
      if k % 50 == 49 {
        let wrong = [3, length - 1, length + 1, 0xFFFF][(k / 50) % 4]
        (corrupt[at], corrupt[at + 1]) = (UInt8(wrong >> 8), UInt8(wrong & 0xFF))
      }
      at += 2 + length
      k += 1
    }
    let corrupted = try run(corrupt, "corrupt.itch")
    XCTAssertGreaterThan(corrupted.status["bad_length"]! + corrupted.status["unknown_type"]!, 0)
    // Random bytes: anything may be counted, nothing may crash.
    var seed: UInt64 = 0x1234_5678_9ABC_DEF0
    let noise = (0..<(1 << 17)).map { _ -> UInt8 in
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: seed >> 33)
    }
    let random = try run(noise, "random.itch")
    XCTAssertGreaterThan(random.status["messages"]!, 0)
    XCTAssertEqual(try run([], "empty.itch").status["messages"], 0)
  }
}

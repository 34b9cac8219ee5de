import Foundation
import XCTest

@testable import StratHLS

/// The emitted OUCH 4.2 back end: its bytes equal the Swift encoder's, the Swift decoder reads
/// them back, and the layout is the spec's.
final class OUCHBackEndTests: XCTestCase {
  /// OUCH 4.2, "Enter Order Message": (field, offset, length) as the spec's table gives them.
  static let specTable: [(String, Int, Int)] = [
    ("type", 0, 1), ("order token", 1, 14), ("buy/sell indicator", 15, 1), ("shares", 16, 4),
    ("stock", 20, 8),
    ("price", 28, 4), ("time in force", 32, 4), ("firm", 36, 4), ("display", 40, 1),
    ("capacity", 41, 1),
    ("intermarket sweep eligibility", 42, 1), ("minimum quantity", 43, 4), ("cross type", 47, 1),
    ("customer type", 48, 1),
  ]

  func testLayoutIsTheSpecsTable() {
    XCTAssertEqual(
      OUCHEnterOrder.layout.map { "\($0.name)@\($0.offset)+\($0.length)" },
      Self.specTable.map { "\($0.0)@\($0.1)+\($0.2)" }
    )
    XCTAssertEqual(OUCHEnterOrder.layout.last.map { $0.offset + $0.length }, OUCHEnterOrder.length)
  }

  func testSwiftEncoderPutsEachFieldAtItsOffset() throws {
    let order = OUCHEnterOrder(
      token: "ABC",
      side: 0x53,
      shares: 0x0102_0304,
      stock: "CHAR",
      price: 0x0A0B_0C0D,
      timeInForce: 99_999,
      firm: "FRM",
      display: 0x4E,
      capacity: 0x41,
      intermarketSweep: 0x59,
      minimumQuantity: 0x1122_3344,
      crossType: 0x4F,
      customerType: 0x52
    )
    let bytes = order.bytes
    XCTAssertEqual(bytes.count, 49)
    func field(_ name: String) -> [UInt8] {
      let f = OUCHEnterOrder.layout.first { $0.name == name }!
      return Array(bytes[f.offset..<f.offset + f.length])
    }
    XCTAssertEqual(field("type"), [0x4F])
    XCTAssertEqual(field("order token"), Array("ABC           ".utf8))
    XCTAssertEqual(field("buy/sell indicator"), [0x53])
    XCTAssertEqual(field("shares"), [1, 2, 3, 4])
    XCTAssertEqual(field("stock"), Array("CHAR    ".utf8))
    XCTAssertEqual(field("price"), [10, 11, 12, 13])
    XCTAssertEqual(field("time in force"), [0, 1, 0x86, 0x9F])
    XCTAssertEqual(field("firm"), Array("FRM ".utf8))
    XCTAssertEqual(
      field("display") + field("capacity") + field("intermarket sweep eligibility"),
      [0x4E, 0x41, 0x59]
    )
    XCTAssertEqual(field("minimum quantity"), [0x11, 0x22, 0x33, 0x44])
    XCTAssertEqual(field("cross type") + field("customer type"), [0x4F, 0x52])
    XCTAssertEqual(OUCHEnterOrder(bytes: bytes), order)
    XCTAssertNil(OUCHEnterOrder(bytes: Array(bytes.dropLast())))
    XCTAssertNil(OUCHEnterOrder(bytes: [0x55] + bytes.dropFirst()))
  }

  func testTokensAreFourteenDigits() {
    XCTAssertEqual(OUCHEnterOrder.token(0), "00000000000000")
    XCTAssertEqual(OUCHEnterOrder.token(42), "00000000000042")
    XCTAssertEqual(OUCHEnterOrder.token(100_000_000_000_007), "00000000000007")
    XCTAssertEqual(OUCHEnterOrder.token(.max), "44073709551615")  // 18446744073709551615 mod 10^14
  }

  func testEmittedEncoderWritesTheSwiftEncodersBytes() throws {
    try XCTSkipUnless(KernelHarness.hasCompiler)
    var defaults = OUCHBackEnd.Defaults()
    defaults.firm = "STRC"
    defaults.timeInForce = 99_999
    defaults.minimumQuantity = 100
    let backEnd = try OUCHBackEnd(symbols: ["ALC", "BOB", "CHAR", "ABCDEFGH"], defaults: defaults)
    var orders: [(Int, Bool, UInt32, UInt32, UInt64)] = [
      (0, false, 100, 1_000_000, 0), (1, true, 1, 1, 1), (3, true, .max, .max, .max),
      (2, false, 0, 0, 99_999_999_999_999),
      (2, true, 250, 123_456, 100_000_000_000_000),
    ]
    var seed: UInt64 = 7
    for _ in 0..<200 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      orders.append(
        (
          Int(seed >> 62), seed & 1 == 1, UInt32(truncatingIfNeeded: seed >> 20),
          UInt32(truncatingIfNeeded: seed >> 5), seed
        )
      )
    }
    let dir = try KernelHarness.scratch("ouch")
    try backEnd.write(into: dir)
    let input = (orders + [(4, false, 1, 1, 1), (255, true, 1, 1, 1)]).map {
      "\($0.0) \($0.1 ? 1 : 0) \($0.2) \($0.3) \($0.4)\n"
    }.joined()
    try Data(input.utf8).write(to: dir.appendingPathComponent("orders.txt"))
    let expected = orders.map {
      backEnd.order(instrument: $0.0, sell: $0.1, shares: $0.2, price: $0.3, token: $0.4)
    }
    // The shim's builds, and AMD's headers when cached (scripts/hls-vendor-headers; not -Wall clean).
    var builds = [["-std=c++14", "-O2"], ["-std=c++17", "-O0"], ITCHFrontEndTests.sanitized].map {
      $0 + ["-Wall", "-Wextra", "-I", "shim"]
    }
    if let vendor = ITCHFrontEndTests.vendorHeaders {
      builds.append(["-std=c++14", "-O2", "-w", "-I", vendor])
    }
    for flags in builds {
      let exe = "ouch_tb_\(builds.firstIndex(of: flags)!)"
      let compile = KernelHarness.run(
        "/usr/bin/env",
        ["g++"] + flags + ["ouch_enter_tb.cpp", "-o", exe],
        in: dir
      )
      XCTAssertEqual(compile.status, 0, "g++ \(flags): \(compile.output.prefix(3000))")
      XCTAssertFalse(compile.output.contains("warning"), compile.output)
      let run = KernelHarness.run(
        dir.appendingPathComponent(exe).path,
        ["orders.txt", "out.txt"],
        in: dir
      )
      XCTAssertEqual(run.status, 0, run.output)
      let lines = try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8)
        .split(separator: "\n")
      XCTAssertEqual(lines.count, orders.count + 2)
      for (line, order) in zip(lines, expected) {
        XCTAssertEqual(
          String(line),
          order.bytes.map { String(format: "%02x", $0) }.joined(),
          "\(flags)"
        )
        let bytes = stride(from: 0, to: line.count, by: 2).map {
          UInt8(line.dropFirst($0).prefix(2), radix: 16)!
        }
        XCTAssertEqual(OUCHEnterOrder(bytes: bytes), order)
      }
      XCTAssertEqual(
        lines.suffix(2),
        ["refused", "refused"],
        "instruments past the list write nothing"
      )
    }
  }

  func testBadListsAndFirmsAreRefused() {
    XCTAssertThrowsError(try OUCHBackEnd(symbols: []))
    XCTAssertThrowsError(try OUCHBackEnd(symbols: ["TOOLONGSYM"]))
    XCTAssertThrowsError(try OUCHBackEnd(symbols: ["A B"]))
    XCTAssertThrowsError(try OUCHBackEnd(symbols: ["A", "A"]))
    var defaults = OUCHBackEnd.Defaults()
    defaults.firm = "FIRMS"
    XCTAssertThrowsError(try OUCHBackEnd(symbols: ["A"], defaults: defaults))
    XCTAssertThrowsError(try ITCHFrontEnd(symbols: ["A"], capacity: .init(orderSlots: 100)))
    XCTAssertThrowsError(
      try ITCHFrontEnd(symbols: ["A"], capacity: .init(orderSlots: 16, orderProbes: 17))
    )
  }
}

import Foundation
import XCTest

@testable import StratHLS

/// Seeded random order flow with every handled type (RITCH's day has no C and few F and U):
/// the front end and the Swift reader + BookSet give the same ticks and the same refusals.
extension ITCHFrontEndTests {
  func testRandomOrderFlowGivesTheSwiftBooksTopOfBook() throws {
    try XCTSkipUnless(KernelHarness.hasCompiler)
    let symbols = ["ALC", "BOB", "CHAR"]
    let dir = try build(
      ITCHFrontEnd(symbols: symbols),
      configurations: [["-std=c++17", "-O2"], Self.sanitized]
    )
    for seed in [1, 2, 3] as [UInt64] {
      let path = dir.url.appendingPathComponent("random-\(seed).itch").path
      try Data(Self.randomFlow(seed: seed, messages: 4_000).bytes).write(
        to: URL(fileURLWithPath: path)
      )
      let expected = try Self.swiftTops(path, symbols: symbols)
      XCTAssertGreaterThan(expected.lines.count, 50, "seed \(seed)")
      for exe in dir.executables {
        let run = try Self.run(exe, on: path, in: dir.url)
        XCTAssertEqual(run.lines.count, expected.lines.count, "seed \(seed) \(exe)")
        for (k, (cpp, swift)) in zip(run.lines, expected.lines).enumerated() where cpp != swift {
          XCTFail("seed \(seed) \(exe) tick \(k): \(cpp) but the Swift book gives \(swift)")
          break
        }
        XCTAssertEqual(run.status["applied"], expected.bookMessages)
        XCTAssertEqual(run.status["unknown_order"], expected.issues[.unknownOrder])
        XCTAssertEqual(run.status["duplicate_order"], expected.issues[.duplicateOrder])
        XCTAssertEqual(
          run.status["over_take"],
          expected.issues[.overCancel] + expected.issues[.overExecute]
        )
        XCTAssertEqual(run.status["bad_value"], expected.issues[.nonPositiveQuantity])
        XCTAssertGreaterThan(expected.issues.total, 0, "the flow holds refusals")
      }
    }
  }

  /// R for three wanted stocks and one other, then `messages` of A F E C X D U over them: near
  /// prices so that levels are shared and the best moves, refs reused and unknown now and then.
  static func randomFlow(seed: UInt64, messages: Int) -> ITCHBytes {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var feed = ITCHBytes()
    let locates: [UInt16] = [2, 5, 9, 4]
    for (locate, symbol) in zip(locates, ["ALC", "BOB", "CHAR", "ZED"]) {
      feed.directory(locate: locate, symbol)
    }
    var refs: [UInt64] = []
    var nextRef: UInt64 = 1
    var time: UInt64 = 34_200_000_000_000
    for _ in 0..<messages {
      time += UInt64(1 + next(1_000_000))
      let locate = locates[next(4)]
      // Bids at or below 10.0000 and asks above, so that the inside levels move often.
      let sell = next(2) == 1
      let price = UInt32(sell ? 100_000 + 100 * (1 + next(3)) : 100_000 - 100 * next(3))
      let shares = UInt32(next(50) == 0 ? 0 : 1 + next(500))
      // A recent ref most of the time (likely still resting); now and then one never added.
      let ref =
        refs.isEmpty || next(20) == 0
        ? UInt64(1_000_000 + next(1_000)) : refs[refs.count - 1 - next(min(refs.count, 40))]
      switch next(16) {
      case 0..<6:
        let fresh = next(30) == 0 && !refs.isEmpty ? ref : nextRef
        nextRef += 1
        refs.append(fresh)
        feed.add(
          locate: locate,
          ref: fresh,
          sell: sell,
          shares: shares,
          price: price,
          time: time,
          mpid: next(4) == 0
        )
      case 6..<8: feed.execute(locate: locate, ref: ref, shares: shares, time: time)
      case 8..<10:
        feed.execute(
          locate: locate,
          ref: ref,
          shares: shares,
          price: price,
          printable: next(2) == 1,
          time: time
        )
      case 10..<12: feed.cancel(locate: locate, ref: ref, shares: shares, time: time)
      case 12..<14: feed.delete(locate: locate, ref: ref, time: time)
      default:
        let fresh = next(10) == 0 && !refs.isEmpty ? refs[next(refs.count)] : nextRef
        nextRef += 1
        refs.append(fresh)
        feed.replace(locate: locate, ref: ref, new: fresh, shares: shares, price: price, time: time)
      }
    }
    return feed
  }
}

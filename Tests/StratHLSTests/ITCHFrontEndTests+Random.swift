import Foundation
import XCTest

@testable import StratHLS
import StratTestSupport

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
      try Data(ITCHBytes.randomFlow(seed: seed, messages: 4_000).bytes).write(
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
}

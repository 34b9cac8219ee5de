import Foundation
import StratFIX
import Testing

/// The committed acceptance scripts (QuickFIX's FIX 4.2 ones and our FIX 4.4 versions).
enum AcceptanceScripts {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Acceptance").path

  static func paths(_ version: String) -> [String] {
    let directory = "\(folder)/\(version)"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".def") }.sorted().map { "\(directory)/\($0)" }
  }

  static func load(_ path: String) throws -> DefScript {
    try DefScript.parse(
      String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self),
      path: path
    )
  }

  /// 2026-01-02 03:04:05 UTC, in ns.
  static let fixedNow: Int64 = 1_767_323_045 * 1_000_000_000
}

@Suite struct AcceptanceScriptTests {
  @Test(arguments: ["fix42", "fix44"])
  func everyCommittedScriptParses(version: String) throws {
    let paths = AcceptanceScripts.paths(version)
    #expect(paths.count == 58)
    for path in paths {
      let script = try AcceptanceScripts.load(path)
      #expect(script.steps.first?.action == .connect, "\(path)")
      #expect(
        script.steps.contains { if case .send = $0.action { true } else { false } },
        "\(path)"
      )
    }
  }

  @Test func readsKindsConnectionsAndLines() throws {
    let script = try DefScript.parse(
      "# c\n\ni2,CONNECT\nI2,8=FIX.4.2\u{1}35=0\u{1}\nE8=X\u{1}\ne2,DISCONNECT\niDISCONNECT\n",
      path: "a/x.def"
    )
    #expect(script.name == "x")
    #expect(script.steps.map(\.line) == [3, 4, 5, 6, 7])
    #expect(script.steps.map(\.connection) == [2, 2, 1, 2, 1])
    #expect(script.steps[0].action == .connect)
    #expect(script.steps[3].action == .expectDisconnect)
    #expect(script.steps[4].action == .disconnect)
  }

  @Test(arguments: [
    ("iCONNECT\nX8=FIX.4.2\n", 2), ("iCONNECT\neCONNECT\n", 2), ("iOPEN\n", 1),
    ("I8=FIX.4.2\u{1}52=<TIME+x>\u{1}\n", 1), ("I8=FIX.4.2\u{1}52=<TIME\u{1}\n", 1),
    ("E8=FIX.4.2\u{1}58=<FILE:a.txt>\u{1}\n", 1),
  ])
  func badLineIsALocatedError(text: String, line: Int) {
    #expect {
      _ = try DefScript.parse(text, path: "s.def")
    } throws: { error in
      let fixError = error as? FIXError
      return fixError?.id == "fix.acceptance.bad-line" && fixError?.location?.line == line
        && fixError?.location?.path == "s.def"
    }
  }

  @Test func expandsTimePlaceholdersAsUTCSeconds() throws {
    let template = try DefTemplate(parsing: "52=<TIME>|60=<TIME-10>|122=<TIME+121>|")
    let text = String(
      decoding: template.expanded(now: AcceptanceScripts.fixedNow + 999_000_000),
      as: UTF8.self
    )
    #expect(text == "52=20260102-03:04:05|60=20260102-03:03:55|122=20260102-03:06:06|")
  }

  @Test func fillsBodyLengthAndChecksumByHand() throws {
    // Hand count: body "35=A|34=1|49=TW42|52=…|56=ISLD|98=0|108=30|" is 59 bytes; the byte sum
    // of 8=…|9=59|body is 106 mod 256.
    let logon = try DefTemplate(
      parsing:
        "8=FIX.4.2\u{1}35=A\u{1}34=1\u{1}49=TW42\u{1}52=<TIME>\u{1}56=ISLD\u{1}98=0\u{1}108=30\u{1}"
    )
    #expect(
      logon.message(now: AcceptanceScripts.fixedNow)
        == fix("8=FIX.4.2|9=59|35=A|34=1|49=TW42|52=20260102-03:04:05|56=ISLD|98=0|108=30|10=106|")
    )
    // A scripted 9 is kept, and its checksum computed (2m sends a wrong length on purpose).
    let short = try DefTemplate(parsing: "8=FIX.4.2\u{1}9=30\u{1}35=0\u{1}")
    #expect(short.message(now: 0) == fix("8=FIX.4.2|9=30|35=0|10=\(sum("8=FIX.4.2|9=30|35=0|"))|"))
  }

  @Test func keepsAScriptedChecksumAndCountsAsQuickFIXDoes() throws {
    // 3b: the wrong 10=256 is sent as written; the inserted 9 leaves out the ␁ before 10 (46).
    let bad = try DefTemplate(
      parsing: "8=FIX.4.2\u{1}35=0\u{1}34=2\u{1}49=TW42\u{1}52=<TIME>\u{1}56=ISLD\u{1}10=256\u{1}"
    )
    #expect(
      bad.message(now: AcceptanceScripts.fixedNow)
        == fix("8=FIX.4.2|9=46|35=0|34=2|49=TW42|52=20260102-03:04:05|56=ISLD|10=256|")
    )
  }

  @Test func leavesALineWithoutBeginStringAsWritten() throws {
    let garbage = try DefTemplate(parsing: "=0\u{1}8=FIX.4.2\u{1}")
    #expect(garbage.message(now: 0) == fix("=0|8=FIX.4.2|"))
  }

  @Test func comparesTagsInOrderValuesExactlyAndTimesByShape() {
    let expected = fix("8=FIX.4.2|9=5|35=0|52=00000000-00:00:00.000|10=0|")
    #expect(
      DefComparator.difference(
        expected: expected,
        received: fix("8=FIX.4.2|9=5|35=0|52=20260102-03:04:05.123|10=201|")
      ) == nil
    )
    #expect(
      DefComparator.difference(
        expected: expected,
        received: fix("8=FIX.4.2|9=6|35=0|52=20260102-03:04:05|10=201|")
      ) == "expected 9=5, found 9=6"
    )
    #expect(
      DefComparator.difference(
        expected: expected,
        received: fix("8=FIX.4.2|9=5|35=0|52=2026|10=201|")
      )?.contains("52") == true
    )
    #expect(
      DefComparator.difference(
        expected: expected,
        received: fix("8=FIX.4.2|9=5|52=20260102-03:04:05|35=0|10=201|")
      ) == "expected field 35, found field 52"
    )
    #expect(
      DefComparator.difference(expected: expected, received: fix("8=FIX.4.2|9=5|35=0|10=201|"))
        == "expected 5 fields, found 4"
    )
    #expect(
      DefComparator.difference(
        expected: expected,
        received: fix("8=FIX.4.2|9=5|35=0|52=20260102-03:04:05|10=1|")
      ) != nil
    )
  }

  private func sum(_ text: String) -> String {
    String(format: "%03d", fix(text).reduce(0) { ($0 + Int($1)) % 256 })
  }
}

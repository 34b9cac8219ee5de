import Foundation
import StratFIX
import Testing

@testable import StratVenue

/// Point 2's conformance: every QuickFIX acceptance script (FIX 4.2) and its FIX 4.4 version
/// (Tests/StratFIXTests/Acceptance) against strat-venue's acceptance server, on loopback. The
/// scripts run one after another per version (each expects a fresh session); the two versions
/// run side by side. Several scripts wait out heartbeat intervals, so this takes about a minute.
@Suite struct AcceptanceConformanceTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("StratFIXTests/Acceptance").path

  @Test(arguments: [FIXVersion.fix42, FIXVersion.fix44])
  func everyScriptPasses(_ version: FIXVersion) throws {
    let acceptor = try AcceptanceServer.start(port: 0, version: version) { _ in }
    defer { acceptor.stop() }
    let directory = "\(Self.folder)/fix\(version.rawValue.replacingOccurrences(of: ".", with: ""))"
    let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".def") }.sorted()
    #expect(names.count == 58)
    let runner = AcceptanceRunner(address: acceptor.address)
    var failed: [String] = []
    for name in names {
      let text = try String(contentsOfFile: "\(directory)/\(name)", encoding: .isoLatin1)
      let result = runner.run(try DefScript.parse(text, path: name))
      if !result.passed { failed.append(result.summary) }
    }
    #expect(failed.isEmpty, "\(failed.count) of \(names.count) failed:\n\(failed.joined(separator: "\n"))")
  }
}

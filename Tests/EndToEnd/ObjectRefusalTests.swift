import Foundation
import Testing

/// `--object` refuses, with exit 1 and a diagnostic naming the fault, every object that is not
/// exactly what this source compiles to: truncated, foreign, another ABI version, other source,
/// other code. Nothing crashes, and nothing of a refused object runs.
@Suite struct ObjectRefusalTests {
  /// One object built from pairs.strat, shared by the tests.
  static let object: String = {
    let path = Stratc.temporaryDirectory() + ".so"
    _ = try? Stratc.run(["build", BackendTests.strategy("pairs"), "-o", path])
    return path
  }()

  static func backtest(_ strategy: String, object: String, _ extra: [String] = []) throws -> Stratc.Run {
    try Stratc.run(
      ["backtest", BackendTests.strategy(strategy), "--data", BackendTests.bars, "--out", Stratc.temporaryDirectory(),
       "--object", object] + extra)
  }

  static func expectRefused(_ run: Stratc.Run, _ id: String) {
    #expect(run.status == 1, "\(run.stderr)")
    #expect(!run.crashed)
    #expect(run.stderr.contains("error[\(id)]"), "\(run.stderr)")
  }

  static func variant(_ transform: ([UInt8]) -> [UInt8]) throws -> String {
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: object)))
    return try Stratc.temporaryFile(transform(bytes), suffix: ".so")
  }

  @Test func theObjectItselfIsAccepted() throws {
    #expect(try Self.backtest("pairs", object: Self.object).status == 0)
  }

  @Test(arguments: [0.1, 0.5, 0.9, 0.999])
  func aTruncatedObjectIsRefused(_ fraction: Double) throws {
    let path = try Self.variant { Array($0.prefix(Int(Double($0.count) * fraction))) }
    Self.expectRefused(try Self.backtest("pairs", object: path), "object.truncated")
  }

  @Test func anObjectOfAnotherABIVersionIsRefused() throws {
    // The metadata section says abi=1; make it abi=9, as a future stratc would write.
    let path = try Self.variant { bytes in
      var bytes = bytes
      let key = Array("\nabi=1\n".utf8)
      if let at = (0...(bytes.count - key.count)).first(where: { Array(bytes[$0..<$0 + key.count]) == key }) {
        bytes[at + 5] = UInt8(ascii: "9")
      }
      return bytes
    }
    let run = try Self.backtest("pairs", object: path)
    Self.expectRefused(run, "object.abi-version")
    #expect(run.stderr.contains("ABI version 9"))
  }

  @Test func foreignFilesAreRefused() throws {
    Self.expectRefused(try Self.backtest("pairs", object: "/usr/lib/x86_64-linux-gnu/libm.so.6"), "object.foreign")
    let text = try Stratc.temporaryFile(Array("not an object\n".utf8), suffix: ".so")
    Self.expectRefused(try Self.backtest("pairs", object: text), "object.foreign")
    let executable = try Self.backtest("pairs", object: Stratc.binary.path)
    Self.expectRefused(executable, "object.foreign")
  }

  @Test func anObjectOfOtherSourceIsRefused() throws {
    Self.expectRefused(try Self.backtest("bollinger", object: Self.object), "object.mismatch")
  }

  @Test func anObjectWhoseWindowsDifferIsRefused() throws {
    // `lookback` sizes the z-score window, so it is part of the code, unlike `entry`.
    let run = try Self.backtest("pairs", object: Self.object, ["--param", "lookback=30"])
    Self.expectRefused(run, "object.mismatch")
    #expect(run.stderr.contains("sizes a window"))
  }

  @Test func aMissingObjectIsRefused() throws {
    Self.expectRefused(try Self.backtest("pairs", object: "/nonexistent/pairs.so"), "object.unreadable")
  }

  @Test func inspectDescribesTheObjectAndRefusesDamage() throws {
    let run = try Stratc.run(["inspect", Self.object])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("strategy   pairs") && run.stdout.contains("param      lookback: int = 20"))
    #expect(run.stdout.contains("reads      close"))
    let truncated = try Self.variant { Array($0.prefix($0.count / 2)) }
    Self.expectRefused(try Stratc.run(["inspect", truncated]), "object.truncated")
  }

  @Test func buildsAreReproducible() throws {
    let again = Stratc.temporaryDirectory() + ".so"
    #expect(try Stratc.run(["build", BackendTests.strategy("pairs"), "-o", again]).status == 0)
    let first = try Data(contentsOf: URL(fileURLWithPath: Self.object))
    #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == first, "the same source builds the same bytes")
  }
}

import Foundation
import Testing

/// `--object` refuses, with exit 1 and a diagnostic naming the fault, every object that is not
/// exactly what this source compiles to: truncated, foreign, another ABI version, other source,
/// other code, other bytes (one flipped bit in the code), crafted tables that made the system
/// loader crash. Nothing crashes, and nothing of a refused object runs; `inspect` never runs any.
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

  /// The file range of section `name` of an ELF64 file.
  static func section(_ name: String, in bytes: [UInt8]) -> Range<Int> {
    func u(_ at: Int, _ width: Int) -> Int { (0..<width).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
    let (shoff, count) = (u(40, 8), u(60, 2))
    let strings = u(shoff + 64 * u(62, 2) + 24, 8)
    let at = (0..<count).map { shoff + 64 * $0 }.first { bytes[(strings + u($0, 4))...].prefix { $0 != 0 }.elementsEqual(name.utf8) }!
    return u(at + 24, 8)..<(u(at + 24, 8) + u(at + 32, 8))
  }

  static var objectBytes: [UInt8] { [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: object))) ?? Data()) }

  @Test func anObjectWithOneFlippedCodeByteIsRefusedAtThatByte() throws {
    // In stratc_step: the C example host, run on this object, makes 2 decisions instead of 764.
    let offset = Self.section(".text", in: Self.objectBytes).lowerBound + 0xC1
    let path = try Self.variant { bytes in
      var bytes = bytes
      bytes[offset] ^= 0x01
      return bytes
    }
    let run = try Self.backtest("pairs", object: path)
    Self.expectRefused(run, "object.differs")
    #expect(run.stderr.contains("\(path):@\(offset): error[object.differs]"), "\(run.stderr)")
    #expect(run.stderr.contains("(in .text)"), "\(run.stderr)")
  }

  @Test func anObjectBuiltWithOtherParameterValuesAndSymbolsIsAccepted() throws {
    // The code reads values and symbols at run time: the rebuild takes them from the object.
    let object = Stratc.temporaryDirectory() + ".so"
    let build = try Stratc.run(["build", BackendTests.strategy("pairs"), "-o", object, "--param", "entry=1.5", "--instrument", "a=KO"])
    #expect(build.status == 0, "\(build.stderr)")
    #expect(try Self.backtest("pairs", object: object).status == 0)
  }

  /// Patches that made `dlopen` die with SIGSEGV before the validator: (what, patch → offset named).
  static let crafted: [(String, @Sendable (inout [UInt8]) -> Int)] = [
    ("PT_DYNAMIC outside the segments", { b in put(&b, 64 + 56 * 4 + 16, 0x7FFF_0000); return 64 + 56 * 4 }),
    ("a relocation outside the writable segment", { b in
      let at = section(".rela.dyn", in: b).lowerBound
      put(&b, at, 0x7FFF_0000)
      return at
    }),
    ("the symbol table out of bounds", { b in
      let at = dynamicEntry(6, in: b)
      put(&b, at + 8, 0x7FFF_0000)
      return at
    }),
  ]

  static func put(_ bytes: inout [UInt8], _ at: Int, _ value: UInt64) {
    for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
  }

  static func dynamicEntry(_ tag: Int, in bytes: [UInt8]) -> Int {
    let dynamic = section(".dynamic", in: bytes)
    return stride(from: dynamic.lowerBound, to: dynamic.upperBound, by: 16).first { at in
      (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } == tag
    }!
  }

  @Test(arguments: crafted.indices)
  func aCraftedObjectIsRefusedWithALocatedDiagnostic(_ index: Int) throws {
    let (what, patch) = Self.crafted[index]
    var offset = 0
    let path = try Self.variant { bytes in
      var bytes = bytes
      offset = patch(&bytes)
      return bytes
    }
    for run in [try Self.backtest("pairs", object: path), try Stratc.run(["inspect", path])] {
      Self.expectRefused(run, "object.malformed")
      #expect(run.stderr.contains("\(path):@\(offset): error[object.malformed]"), "\(what): \(run.stderr)")
    }
  }

  @Test func neitherInspectNorObjectRunsAConstructor() throws {
    // A C object carrying pairs' real metadata, whose constructor writes a marker file: it ran
    // under `inspect` (which loaded the object) and under `--object` before the refusal.
    let metadata = Array(Self.objectBytes[Self.section(".stratc", in: Self.objectBytes)].prefix { $0 != 0 })
    let marker = Stratc.temporaryDirectory() + ".marker"
    let source = """
      #include <stdio.h>
      __attribute__((section(".stratc"), used)) static const char metadata[] = "\(String(decoding: metadata, as: UTF8.self).replacingOccurrences(of: "\n", with: "\\n"))";
      __attribute__((constructor)) static void hostile(void) {
        FILE *f = fopen("\(marker)", "w");
        if (f) { fputs("ran\\n", f); fclose(f); }
      }
      const void *stratc_strategy_v1(void) { return 0; }
      """
    let c = try Stratc.temporaryFile(Array(source.utf8), suffix: ".c")
    let object = Stratc.temporaryDirectory() + ".so"
    let cc = Process()
    cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    cc.arguments = ["cc", "-shared", "-fPIC", "-o", object, c]
    try cc.run()
    cc.waitUntilExit()
    #expect(cc.terminationStatus == 0)
    for run in [try Stratc.run(["inspect", object]), try Self.backtest("pairs", object: object)] {
      Self.expectRefused(run, "object.forbidden")
      #expect(run.stderr.contains("constructors"), "\(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: marker), "the object's constructor ran")
    }
  }
}

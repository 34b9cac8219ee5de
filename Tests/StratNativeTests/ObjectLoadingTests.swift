import Foundation
import StratIR
import StratLLVM
import StratNative
import Testing

/// `StrategyObject.load` refuses every damaged object before `dlopen` sees it: each prefix of a
/// real object, and objects whose headers or metadata were altered, give an `ObjectError`,
/// never a crash.
@Suite struct ObjectLoadingTests {
  static let object: (path: String, bytes: [UInt8]) = {
    let path = temporaryPath(".so")
    let (module, hash) = try! referenceModule("pairs")
    try! NativeBackend.buildObject(module, sourceHash: hash, cpu: .generic, to: path)
    return (path, [UInt8](try! Data(contentsOf: URL(fileURLWithPath: path))))
  }()

  static func write(_ bytes: [UInt8]) throws -> String {
    let path = temporaryPath(".so")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func theObjectLoadsAndNamesItsStrategy() throws {
    let code = try StrategyObject.load(path: Self.object.path)
    #expect(code.interface.name == "pairs")
    #expect(try StrategyObject.metadata(path: Self.object.path) == code.metadata)
  }

  @Test func everyPrefixIsRefused() throws {
    let bytes = Self.object.bytes
    // Every 61st length, and each of the last 80: the section headers sit at the end.
    let lengths = Array(stride(from: 0, to: bytes.count, by: 61)) + Array(max(0, bytes.count - 80)..<bytes.count)
    for length in lengths {
      let path = try Self.write(Array(bytes.prefix(length)))
      defer { try? FileManager.default.removeItem(atPath: path) }
      #expect(throws: ObjectError.self, "prefix of \(length) bytes") { try StrategyObject.load(path: path) }
    }
  }

  @Test(arguments: [
    (4, UInt8(1), "32-bit"), (5, UInt8(2), "big-endian"), (16, UInt8(2), "an executable"),
    (18, UInt8(40), "an ARM machine"),
  ])
  func foreignHeadersAreRefused(_ offset: Int, _ value: UInt8, _ what: String) throws {
    var bytes = Self.object.bytes
    bytes[offset] = value
    let path = try Self.write(bytes)
    #expect(throws: ObjectError.self, "\(what)") { try StrategyObject.load(path: path) }
  }

  @Test func tablesPointingPastTheEndAreRefused() throws {
    for field in [32, 40] {  // e_phoff, e_shoff
      var bytes = Self.object.bytes
      bytes[field + 6] = 0x7F
      let path = try Self.write(bytes)
      #expect(throws: ObjectError.truncated(path: path, size: bytes.count)) { try StrategyObject.load(path: path) }
    }
  }

  @Test func expectationsAreChecked() throws {
    let path = Self.object.path
    let (module, hash) = try referenceModule("pairs")
    #expect(throws: Never.self) { try StrategyObject.load(path: path, expecting: .init(sourceHash: hash, codeHash: module.codeHash)) }
    #expect {
      try StrategyObject.load(path: path, expecting: .init(sourceHash: String(repeating: "0", count: 64)))
    } throws: { error in
      guard case ObjectError.mismatch(_, "source", _, _) = error else { return false }
      return true
    }
    let other = try referenceModule("pairs", params: ["lookback": "40"]).module
    #expect {
      try StrategyObject.load(path: path, expecting: .init(codeHash: other.codeHash))
    } throws: { error in
      guard case ObjectError.mismatch(_, "code", _, _) = error else { return false }
      return true
    }
  }

  @Test func invalidIRIsRefusedBeforeLLVMSeesIt() throws {
    var (module, _) = try referenceModule("pairs")
    module.step[module.step.count - 1].args = [module.step.count + 5]  // an operand that does not exist
    #expect {
      _ = try NativeBackend.jit(module)
    } throws: { error in
      guard let error = error as? NativeCompileError, case .invalidIR = error else { return false }
      return error.isCompilerBug
    }
  }
}

/// The checks before `dlopen` read untrusted bytes: seeded random corruption of a real object,
/// anywhere in the file, gives metadata or an `ObjectError`, never a trap.
@Suite struct ObjectMutationTests {
  @Test func corruptedObjectsNeverTrapTheChecks() throws {
    let original = ObjectLoadingTests.object.bytes
    var state: UInt64 = 0x5EED_0B1E
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    var refused = 0
    for _ in 0..<3_000 {
      var bytes = original
      // Bias toward the headers, the section table and the metadata, where the checks look.
      let hot = [0..<64, (bytes.count - 1_200)..<bytes.count, 0..<bytes.count]
      for _ in 0..<(1 + Int(next() % 8)) {
        let range = hot[Int(next() % 3)]
        bytes[range.lowerBound + Int(next() % UInt64(range.count))] = UInt8(truncatingIfNeeded: next())
      }
      if next() % 4 == 0 { bytes.removeLast(Int(next() % UInt64(bytes.count))) }
      do {
        _ = try StrategyObject.metadata(bytes: bytes, path: "mutant")
      } catch {
        refused += 1
      }
    }
    #expect(refused > 100, "corruption should be refused often; refused \(refused) of 3,000")
  }
}

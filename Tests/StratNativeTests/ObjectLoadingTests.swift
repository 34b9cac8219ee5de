import Foundation
import StratABI
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

  @Test func theDescriptorReadFromTheFileIsTheOneTheLoadedCodeReturns() throws {
    let image = try ObjectImage.read(path: Self.object.path)
    let code = try StrategyObject.load(image)
    let loaded = ObjectDescription(
      metadata: code.metadata, interface: code.interface, slots: code.slots, stateAlignment: code.stateAlignment,
      maxDecisions: code.maxDecisions)
    #expect(image.description == loaded)
    #expect(image.description.interface.params.map(\.name) == ["lookback", "entry", "exit", "unit"])
  }

  @Test func theHashIsOfEveryByteAndIsChecked() throws {
    let image = try ObjectImage.read(path: Self.object.path)
    #expect(image.sha256 == SHA256.hex(Self.object.bytes))
    #expect(try StrategyObject.load(image).objectSHA256 == image.sha256)
    #expect(throws: Never.self) { try image.check(.init(sha256: image.sha256)) }
    let other = String(repeating: "0", count: 64)
    #expect(throws: ObjectError.hash(path: Self.object.path, found: image.sha256, expected: other)) {
      try StrategyObject.load(path: Self.object.path, expecting: .init(sha256: other))
    }
  }

  @Test func theValidatedBytesAreTheLoadedBytes() throws {
    // The file is replaced after it was read: what loads is what was validated, not the new file.
    let path = try Self.write(Self.object.bytes)
    let image = try ObjectImage.read(path: path)
    try Data("replaced".utf8).write(to: URL(fileURLWithPath: path))
    let code = try StrategyObject.load(image)
    #expect(code.metadata == image.metadata)
  }

  @Test func aDifferenceFromTheRebuildNamesItsOffsetAndSection() throws {
    var bytes = Self.object.bytes
    let text = ELFPatch(bytes: bytes).section(".text")
    bytes[text.lowerBound + 100] ^= 1
    let image = try ObjectImage.validate(bytes: bytes, path: "flipped.so")
    let expected = ObjectError.differs(path: "flipped.so", offset: text.lowerBound + 100, section: ".text", cpu: image.metadata.cpu)
    #expect(throws: expected) {
      try image.check(.init(rebuild: Self.object.bytes))
    }
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
/// anywhere in the file but biased to what the loader reads, is refused before `dlopen` (by the
/// validator, or by the comparison with a legitimate build) unless it is byte-identical to that
/// build; and the validator itself never traps.
@Suite struct ObjectMutationTests {
  static func mutants(_ count: Int, seed: UInt64, _ body: ([UInt8]) throws -> Void) rethrows {
    let original = ObjectLoadingTests.object.bytes
    let elf = ELFPatch(bytes: original)
    var state = seed
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    // The ELF and program headers, the loader's tables (hash, symbols, versions, relocations),
    // the dynamic section, the code, the section table and metadata, and anywhere.
    let hot = [
      0..<(64 + 56 * elf.u16(56)), elf.section(".gnu.hash").lowerBound..<elf.section(".rela.plt").upperBound,
      elf.section(".dynamic"), elf.section(".text"), (original.count - 1_200)..<original.count, 0..<original.count,
    ]
    for _ in 0..<count {
      var bytes = original
      for _ in 0..<(1 + Int(next() % 8)) {
        let range = hot[Int(next() % UInt64(hot.count))]
        bytes[range.lowerBound + Int(next() % UInt64(range.count))] = UInt8(truncatingIfNeeded: next())
      }
      if next() % 4 == 0 { bytes.removeLast(Int(next() % UInt64(bytes.count))) }
      try body(bytes)
    }
  }

  @Test func everyMutantIsRefusedBeforeLoadingOrIsTheBuildItself() throws {
    let original = ObjectLoadingTests.object.bytes
    var (byValidator, byComparison, identical) = (0, 0, 0)
    Self.mutants(3_000, seed: 0x5EED_0B1E) { bytes in
      let image: ObjectImage
      do {
        image = try ObjectImage.validate(bytes: bytes, path: "mutant")
      } catch {
        byValidator += 1
        return
      }
      do {
        try image.check(.init(rebuild: original))
        #expect(bytes == original, "a mutant passed every check before dlopen")
        identical += 1
      } catch {
        #expect(bytes != original)
        byComparison += 1
      }
    }
    #expect(byValidator > 1_000, "refused by the validator \(byValidator), by the comparison \(byComparison), identical \(identical)")
    #expect(byComparison > 100, "the comparison must be what catches code changes; it caught \(byComparison)")
  }
}

/// What the validator accepts, the system loader loads without crashing or aborting: mutants
/// of a real object's loader tables and data (not of its code, nor of the addresses the loader
/// calls, which only the byte comparison or a signature can vouch for) that pass
/// `ObjectImage.validate` are `dlopen`ed by a C program in a child process, which must exit.
@Suite struct ValidatedObjectLoaderTests {
  static let harness = """
    #include <dlfcn.h>
    int main(int argc, char **argv) {
      void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
      if (!h) return 1;
      if (!dlsym(h, "stratc_strategy_v1")) return 2;
      dlclose(h);
      return 0;
    }
    """

  @Test func everyValidatedMutantLoadsWithoutCrashingTheLoader() throws {
    let (c, loader) = (temporaryPath(".c"), temporaryPath(""))
    try Self.harness.write(toFile: c, atomically: true, encoding: .utf8)
    #expect(try runProcess("cc", ["-o", loader, c, "-ldl"]).status == 0)
    let original = ObjectLoadingTests.object.bytes
    let protected = Self.protectedRanges(ELFPatch(bytes: original))
    var loaded = 0
    try ObjectMutationTests.mutants(1_500, seed: 0x10AD_E5) { bytes in
      // Undo mutations of code and of the addresses the loader calls.
      var bytes = bytes
      guard bytes.count == original.count else { return }
      for range in protected { bytes[range] = original[range] }
      guard bytes != original, (try? ObjectImage.validate(bytes: bytes, path: "mutant")) != nil else { return }
      let path = try ObjectLoadingTests.write(bytes)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let run = try runProcess(loader, [path])
      // 1: dlopen refused it, 2: dlsym finds no entry (a hash table mutant); both are clean errors.
      #expect((0...2).contains(run.status), "dlopen of a validated mutant ended with \(run.status): \(run.stderr)")
      loaded += 1
    }
    #expect(loaded > 50, "only \(loaded) mutants passed the validator")
  }

  /// The executable segment, the dynamic entries of DT_INIT/DT_FINI and the constructor
  /// arrays, and the relocations filling those arrays.
  static func protectedRanges(_ elf: ELFPatch) -> [Range<Int>] {
    let code = elf.programHeader(1, 1)
    var ranges = [Int(elf.u64(code + 8))..<Int(elf.u64(code + 8) + elf.u64(code + 32))]
    ranges += [12, 13, 25, 26].map { elf.dynamicEntry($0)..<(elf.dynamicEntry($0) + 16) }
    let arrays = elf.u64(elf.dynamicEntry(25) + 8)..<(elf.u64(elf.dynamicEntry(26) + 8) + 8)
    let relocations = elf.section(".rela.dyn")
    ranges += stride(from: relocations.lowerBound, to: relocations.upperBound, by: 24).filter { arrays.contains(elf.u64($0)) }
      .map { $0..<($0 + 24) }
    return ranges
  }
}

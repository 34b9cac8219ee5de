import Foundation
import StratNative
import Testing

/// Crafted objects, each of which made the system loader crash (SIGSEGV) or run foreign code
/// under `dlopen` (checked by hand with a C `dlopen` harness before the validator existed), are
/// refused by `ObjectImage.validate` before anything maps them, naming the byte offset of the
/// header, entry or table at fault.
@Suite struct CraftedObjectTests {
  typealias Patch = @Sendable (inout ELFPatch) -> Int

  static let load: UInt32 = 1, dynamic: UInt32 = 2, note: UInt32 = 4, stack: UInt32 = 0x6474_E551
  static let far: UInt64 = 0x7FFF_0000

  /// (what, patch returning the offset the refusal must name, expected id).
  static let cases: [(String, Patch, String)] = [
    ("a PT_LOAD's alignment", { e in let at = e.programHeader(load, 1); e.set(at + 48, 0x1001); return at }, "object.malformed"),
    ("overlapping PT_LOADs", { e in let at = e.programHeader(load, 2); e.set(at + 16, 0x1000); return at }, "object.malformed"),
    ("PT_DYNAMIC outside the segments", { e in let at = e.programHeader(dynamic); e.set(at + 16, far); return at }, "object.malformed"),
    ("a note outside the segments", { e in let at = e.programHeader(note); e.set(at + 16, far); return at }, "object.malformed"),
    ("PT_INTERP", { e in let at = e.programHeader(note); e.set(at, 3, width: 4); return at }, "object.forbidden"),
    ("an executable stack", { e in let at = e.programHeader(stack); e.set(at + 4, 7, width: 4); return at }, "object.forbidden"),
    ("a writable code segment", { e in let at = e.programHeader(load, 1); e.set(at + 4, 7, width: 4); return at }, "object.forbidden"),
    ("DT_STRTAB out of bounds", { e in let at = e.dynamicEntry(5); e.set(at + 8, far); return at }, "object.malformed"),
    ("DT_SYMTAB out of bounds", { e in let at = e.dynamicEntry(6); e.set(at + 8, far); return at }, "object.malformed"),
    ("DT_GNU_HASH out of bounds", { e in let at = e.dynamicEntry(0x6FFF_FEF5); e.set(at + 8, far); return at }, "object.malformed"),
    ("DT_RELASZ past the table", { e in e.set(e.dynamicEntry(8) + 8, 0x10_0000); return e.dynamicEntry(7) }, "object.malformed"),
    ("DT_INIT outside the code", { e in let at = e.dynamicEntry(12); e.set(at + 8, far); return at }, "object.malformed"),
    ("DT_VERNEED out of bounds", { e in let at = e.dynamicEntry(0x6FFF_FFFE); e.set(at + 8, far); return at }, "object.malformed"),
    ("a second constructor", { e in let at = e.dynamicEntry(27); e.set(at + 8, 16); return at }, "object.forbidden"),
    ("DT_TEXTREL", { e in let at = e.dynamicEntry(0x6FFF_FFF9); e.set(at, 22); return at }, "object.forbidden"),
    ("DT_RUNPATH", { e in let at = e.dynamicEntry(0x6FFF_FFF9); e.set(at, 29); return at }, "object.forbidden"),
    ("a library besides libc and libm", { e in
      let strings = e.section(".dynstr"), name = Array("libm.so.6".utf8)
      let at = strings.first { Array(e.bytes[$0..<$0 + name.count]) == name }!
      e.bytes[at + 3] = UInt8(ascii: "q")
      return e.dynamicEntry(1)
    }, "object.forbidden"),
    ("a relocation outside the writable segment", { e in let at = e.section(".rela.dyn").lowerBound; e.set(at, far); return at }, "object.malformed"),
    ("a relocation into the code", { e in let at = e.section(".rela.dyn").lowerBound; e.set(at, 0x1000); return at }, "object.malformed"),
    ("relocations in the writable segment, free to rewrite themselves", { e in
      let at = e.dynamicEntry(7)
      e.set(at + 8, e.u64(e.programHeader(load, 3) + 16))
      return at
    }, "object.malformed"),
    ("an IFUNC relocation", { e in let at = e.section(".rela.dyn").lowerBound; e.set(at + 8, 37, width: 4); return at }, "object.forbidden"),
    ("a symbol name out of bounds", { e in let at = e.section(".dynsym").lowerBound + 24 * 6; e.set(at, 0xFFFF, width: 4); return at }, "object.malformed"),
    ("a hash bucket out of bounds", { e in
      let at = e.section(".gnu.hash").lowerBound
      e.set(at + 16 + 8 * Int(e.u32(at + 8)), 0x10_0000, width: 4)
      return at
    }, "object.malformed"),
    ("a version index out of bounds", { e in let at = e.section(".gnu.version").lowerBound; e.set(at + 6, 0x7000, width: 2); return at + 6 }, "object.malformed"),
  ]

  @Test(arguments: cases.indices)
  func aCraftedObjectIsRefusedAtTheFault(_ index: Int) throws {
    let (what, patch, id) = Self.cases[index]
    var object = ELFPatch(bytes: ObjectLoadingTests.object.bytes)
    let offset = patch(&object)
    #expect {
      _ = try ObjectImage.validate(bytes: object.bytes, path: "crafted.so")
    } throws: { error in
      guard let error = error as? ObjectError else { return false }
      let located = error.location.map { $0 == ("crafted.so", offset) } ?? false
      if error.id != id || !located { Issue.record("\(what): \(error.description)") }
      return error.id == id && located
    }
  }

  @Test func anEntryFunctionThatIsNotStratcsIsRefusedAtTheEntry() throws {
    // Only `lea rax, [rip + descriptor]; ret` says where the descriptor is without running code.
    var object = ELFPatch(bytes: ObjectLoadingTests.object.bytes)
    let symbols = object.section(".dynsym"), code = object.programHeader(Self.load, 1)
    let entry = Array(stride(from: symbols.lowerBound, to: symbols.upperBound, by: 24)).last!
    let offset = Int(object.u64(entry + 8) - object.u64(code + 16) + object.u64(code + 8))
    object.bytes[offset + 7] = 0x90  // ret → nop
    #expect {
      _ = try ObjectImage.validate(bytes: object.bytes, path: "crafted.so")
    } throws: { error in
      guard let error = error as? ObjectError, case .descriptor = error else { return false }
      return error.location.map { $0 == ("crafted.so", offset) } ?? false && error.message.contains("entry function")
    }
  }

  @Test func theObjectItselfIsValid() throws {
    let image = try ObjectImage.validate(bytes: ObjectLoadingTests.object.bytes, path: "pairs.so")
    #expect(image.metadata.name == "pairs")
  }

  /// A C object with the metadata of a real build and a constructor: a constructor ran under
  /// `dlopen` before the object could be refused; now the validator refuses it first.
  @Test func anObjectWithAConstructorIsRefusedBeforeItRuns() throws {
    let marker = temporaryPath(".marker")
    let metadata = try StrategyObject.metadata(path: ObjectLoadingTests.object.path)
    let object = try compileC(Self.constructorSource(metadata: metadata.sectionText, marker: marker))
    #expect {
      _ = try StrategyObject.load(path: try ObjectLoadingTests.write(object))
    } throws: { error in
      guard let error = error as? ObjectError, case .forbidden = error else { return false }
      return error.message.contains("2 constructors or destructors")
    }
    #expect(!FileManager.default.fileExists(atPath: marker), "the constructor ran")
  }

  static func constructorSource(metadata: String, marker: String) -> String {
    let escaped = metadata.replacingOccurrences(of: "\n", with: "\\n")
    return """
      #include <stdio.h>
      __attribute__((section(".stratc"), used)) static const char metadata[] = "\(escaped)";
      __attribute__((constructor)) static void hostile(void) {
        FILE *f = fopen("\(marker)", "w");
        if (f) { fputs("the constructor ran\\n", f); fclose(f); }
      }
      const void *stratc_strategy_v1(void) { return 0; }
      """
  }
}

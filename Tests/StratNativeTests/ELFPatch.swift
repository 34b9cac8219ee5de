import Foundation

/// A stratc object's bytes with the few ELF look-ups the crafted-object tests patch through:
/// sections by name, program headers by type, dynamic entries by tag.
struct ELFPatch {
  var bytes: [UInt8]

  func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
  func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
  func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }
  mutating func set(_ at: Int, _ value: UInt64, width: Int = 8) {
    for k in 0..<width { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * k)) }
  }

  /// The file range of the section named `name`.
  func section(_ name: String) -> Range<Int> {
    let (shoff, count, names) = (Int(u64(40)), u16(60), u16(62))
    let strings = Int(u64(shoff + 64 * names + 24))
    for k in 0..<count {
      let at = shoff + 64 * k
      let start = strings + Int(u32(at))
      if bytes[start...].prefix(while: { $0 != 0 }).elementsEqual(name.utf8) {
        return Int(u64(at + 24))..<Int(u64(at + 24) + u64(at + 32))
      }
    }
    fatalError("no section \(name)")
  }

  /// File offset of the `index`-th program header of `type`.
  func programHeader(_ type: UInt32, _ index: Int = 0) -> Int {
    let headers = (0..<u16(56)).map { 64 + 56 * $0 }.filter { u32($0) == type }
    return headers[index]
  }

  /// File offset of the dynamic entry with `tag`.
  func dynamicEntry(_ tag: UInt64) -> Int {
    let dynamic = section(".dynamic")
    return stride(from: dynamic.lowerBound, to: dynamic.upperBound, by: 16).first {
      u64($0) == tag
    }!
  }
}

/// Builds a shared object from C source with `cc -shared`; its bytes.
func compileC(_ source: String, flags: [String] = []) throws -> [UInt8] {
  let (c, so) = (temporaryPath(".c"), temporaryPath(".so"))
  try source.write(toFile: c, atomically: true, encoding: .utf8)
  defer { try? FileManager.default.removeItem(atPath: c) }
  let run = try runProcess("cc", ["-shared", "-fPIC", "-O1", "-o", so, c] + flags)
  guard run.status == 0 else { throw TestFailure("cc failed: \(run.stderr)") }
  return [UInt8](try Data(contentsOf: URL(fileURLWithPath: so)))
}

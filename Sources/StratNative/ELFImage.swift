import Foundation

/// The checks a stratc object must pass before `dlopen` maps it and runs its constructors:
/// an ELF64 little-endian shared object for this machine, whole (every segment, section and
/// table inside the file), with a `.stratc` metadata section. Reads only the file's bytes.
struct ELFImage {
  let bytes: [UInt8]

  /// Strategy objects are kilobytes; anything this large is not one.
  static let maxBytes = 256 << 20

  /// The e_machine of the host: x86-64 (62) or AArch64 (183).
  static var hostMachine: UInt16 {
    #if arch(x86_64)
      62
    #elseif arch(arm64)
      183
    #else
      0
    #endif
  }

  /// Reads the file and checks its headers and tables; throws `ObjectError` naming the fault.
  init(path: String) throws(ObjectError) {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
    guard data.count <= Self.maxBytes else { throw .notStratcObject(path: path, why: "\(data.count) bytes is too large") }
    try self.init(bytes: [UInt8](data), path: path)
  }

  /// Checks `bytes`, the contents of the file at `path` (named in errors only).
  init(bytes: [UInt8], path: String) throws(ObjectError) {
    self.bytes = bytes
    guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
      throw .notStratcObject(path: path, why: "not an ELF file")
    }
    guard bytes[4] == 2, bytes[5] == 1 else { throw .notStratcObject(path: path, why: "not a 64-bit little-endian ELF file") }
    guard u16(16) == 3 else { throw .notStratcObject(path: path, why: "an ELF file but not a shared object") }
    guard u16(18) == Self.hostMachine else {
      throw .notStratcObject(path: path, why: "built for another machine (ELF machine \(u16(18)))")
    }
    try checkTables(path: path)
  }

  func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
  func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
  func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }

  /// True when [offset, offset + size) lies inside the file (no overflow).
  func contains(_ offset: UInt64, _ size: UInt64) -> Bool {
    offset <= UInt64(bytes.count) && size <= UInt64(bytes.count) - offset
  }

  /// Program headers, section headers and every section with file contents must be whole.
  private func checkTables(path: String) throws(ObjectError) {
    let (phoff, phnum, phentsize) = (u64(32), UInt64(u16(56)), UInt64(u16(54)))
    let (shoff, shnum, shentsize) = (u64(40), UInt64(u16(60)), UInt64(u16(58)))
    guard phentsize == 56, shentsize == 64, contains(phoff, phnum * 56), contains(shoff, shnum * 64), shnum > 0 else {
      throw .truncated(path: path, size: bytes.count)
    }
    for k in 0..<Int(phnum) {
      let at = Int(phoff) + 56 * k
      guard contains(u64(at + 8), u64(at + 32)) else { throw .truncated(path: path, size: bytes.count) }
    }
    for k in 0..<Int(shnum) {
      let at = Int(shoff) + 64 * k
      let type = u32(at + 4)
      guard type == 8 || contains(u64(at + 24), u64(at + 32)) else { throw .truncated(path: path, size: bytes.count) }  // 8 = SHT_NOBITS
    }
    guard Int(u16(62)) < Int(shnum) else { throw .truncated(path: path, size: bytes.count) }
  }

  /// The contents of the section named `name`, or nil when there is none.
  func section(named name: String) -> [UInt8]? {
    let (shoff, shnum) = (Int(u64(40)), Int(u16(60)))
    let names = shoff + 64 * Int(u16(62))
    guard u32(names + 4) != 8, contains(u64(names + 24), u64(names + 32)) else { return nil }
    let namesOffset = Int(u64(names + 24)), namesSize = Int(u64(names + 32))
    let wanted = Array(name.utf8)
    for k in 0..<shnum {
      let at = shoff + 64 * k
      let nameAt = Int(u32(at))
      guard nameAt + wanted.count < namesSize else { continue }
      let start = namesOffset + nameAt
      guard Array(bytes[start..<start + wanted.count]) == wanted, bytes[start + wanted.count] == 0, u32(at + 4) != 8 else { continue }
      let offset = Int(u64(at + 24)), size = Int(u64(at + 32))
      return Array(bytes[offset..<offset + size])
    }
    return nil
  }
}

import Foundation

/// The checks a stratc object must pass before `dlopen` maps it and runs its constructors:
/// an ELF64 little-endian shared object for this machine, whole (every segment, section and
/// table inside the file), with a `.stratc` metadata section. Reads only the file's bytes.
/// The loader's own inputs (segments, dynamic section, relocations, symbols) are checked by the
/// extensions in ELFImage+*.swift; `ObjectImage.validate` runs them all.
struct ELFImage {
  let bytes: [UInt8]
  /// The file the bytes came from, named in errors only.
  let path: String

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

  /// Checks `bytes`, the contents of the file at `path` (named in errors only).
  init(bytes: [UInt8], path: String) throws(ObjectError) {
    self.bytes = bytes
    self.path = path
    guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
      throw .notStratcObject(path: path, why: "not an ELF file")
    }
    guard bytes[4] == 2, bytes[5] == 1 else { throw .notStratcObject(path: path, why: "not a 64-bit little-endian ELF file") }
    guard u16(16) == 3 else { throw .notStratcObject(path: path, why: "an ELF file but not a shared object") }
    guard u16(18) == Self.hostMachine else {
      throw .notStratcObject(path: path, why: "built for another machine (ELF machine \(u16(18)))")
    }
    try checkTables()
    guard bytes[6] == 1, u32(20) == 1, u16(52) == 64 else { throw malformed(6, "the ELF header's version or size is not ELF64's") }
  }

  func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
  func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
  func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * $1) } }

  /// True when [offset, offset + size) lies inside the file (no overflow).
  func contains(_ offset: UInt64, _ size: UInt64) -> Bool {
    offset <= UInt64(bytes.count) && size <= UInt64(bytes.count) - offset
  }

  /// A refusal of what the system loader would crash or abort on, at a byte offset of the file.
  func malformed(_ offset: Int, _ what: String) -> ObjectError { .malformed(path: path, offset: offset, what: what) }

  /// A refusal of what `stratc build` never writes, at a byte offset of the file.
  func forbidden(_ offset: Int, _ what: String) -> ObjectError { .forbidden(path: path, offset: offset, what: what) }

  /// Program headers, section headers and every section with file contents must be whole.
  private func checkTables() throws(ObjectError) {
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

  /// The file range of the section named `name`, or nil when there is none.
  func sectionRange(named name: String) -> Range<Int>? {
    sections.first { $0.name == name && $0.type != 8 }.map { $0.offset..<($0.offset + $0.size) }
  }

  /// The contents of the section named `name`, or nil when there is none.
  func section(named name: String) -> [UInt8]? { sectionRange(named: name).map { Array(bytes[$0]) } }

  /// The sections with file contents (checked whole by `checkTables`), with their names.
  var sections: [(name: String, type: UInt32, offset: Int, size: Int)] {
    let (shoff, shnum) = (Int(u64(40)), Int(u16(60)))
    let names = shoff + 64 * Int(u16(62))
    let namesOK = u32(names + 4) != 8
    let namesOffset = Int(clamping: u64(names + 24)), namesSize = Int(clamping: u64(names + 32))
    return (0..<shnum).map { k in
      let at = shoff + 64 * k
      let nameAt = Int(u32(at))
      var name = ""
      if namesOK, nameAt < namesSize {
        let start = namesOffset + nameAt, end = namesOffset + namesSize
        name = String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
      }
      // A SHT_NOBITS section's offset and size are unchecked (and unused): clamp, never trap.
      return (name, u32(at + 4), Int(clamping: u64(at + 24)), Int(clamping: u64(at + 32)))
    }
  }
}

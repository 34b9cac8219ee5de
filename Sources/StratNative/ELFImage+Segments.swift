import Foundation

/// One program header: how the loader maps part of the file.
struct ELFSegment {
  /// File offset of the program header itself (named in errors).
  let header: Int
  let type: UInt32
  let flags: UInt32
  let offset: UInt64
  let address: UInt64
  let fileSize: UInt64
  let memorySize: UInt64
  let align: UInt64

  var isWritable: Bool { flags & 2 != 0 }
  var isExecutable: Bool { flags & 1 != 0 }
}

extension ELFImage {
  static let load: UInt32 = 1, dynamic: UInt32 = 2, note: UInt32 = 4
  static let gnuStack: UInt32 = 0x6474_E551, gnuRelro: UInt32 = 0x6474_E552
  static let gnuEHFrame: UInt32 = 0x6474_E550, gnuProperty: UInt32 = 0x6474_E553

  /// What `cc -shared` writes besides PT_LOAD and PT_DYNAMIC; anything else is refused.
  static let segmentNames: [UInt32: String] = [
    3: "PT_INTERP", 6: "PT_PHDR", 7: "PT_TLS", note: "PT_NOTE", gnuStack: "PT_GNU_STACK",
    gnuRelro: "PT_GNU_RELRO", gnuEHFrame: "PT_GNU_EH_FRAME", gnuProperty: "PT_GNU_PROPERTY",
  ]
  static let allowedSegments: Set<UInt32> = [
    load, dynamic, note, gnuStack, gnuRelro, gnuEHFrame, gnuProperty,
  ]

  /// A strategy's mapped image spans kilobytes; a larger span is refused before mmap tries it.
  static let maxSpan: UInt64 = 64 << 20

  /// The program headers, in file order (their table was checked whole).
  var segments: [ELFSegment] {
    let phoff = Int(u64(32))
    return (0..<Int(u16(56))).map { k in
      let at = phoff + 56 * k
      return ELFSegment(
        header: at,
        type: u32(at),
        flags: u32(at + 4),
        offset: u64(at + 8),
        address: u64(at + 16),
        fileSize: u64(at + 32),
        memorySize: u64(at + 40),
        align: u64(at + 48)
      )
    }
  }

  var loads: [ELFSegment] { segments.filter { $0.type == Self.load } }

  /// The file range holding [address, address + size) when one PT_LOAD maps it from the file.
  func fileRange(address: UInt64, size: UInt64) -> Range<Int>? {
    for s in loads
    where address >= s.address && address - s.address <= s.fileSize
      && size <= s.fileSize - (address - s.address)
    {
      let start = Int(s.offset + (address - s.address))
      return start..<(start + Int(size))
    }
    return nil
  }

  /// The file range of a table the loader reads while it relocates (symbols, strings, hashes,
  /// versions, relocations): it must be in a read-only PT_LOAD, or a relocation could rewrite
  /// it between the check and the loader's read.
  func tableRange(address: UInt64, size: UInt64) -> Range<Int>? {
    guard let range = fileRange(address: address, size: size) else { return nil }
    let inside = loads.first { address >= $0.address && address - $0.address <= $0.fileSize }
    return inside?.isWritable == false ? range : nil
  }

  /// True when one PT_LOAD maps [address, address + size) in memory, writable or executable if asked.
  func isMapped(address: UInt64, size: UInt64, writable: Bool = false, executable: Bool = false)
    -> Bool
  {
    loads.contains { s in
      address >= s.address && address - s.address <= s.memorySize
        && size <= s.memorySize - (address - s.address)
        && (!writable || s.isWritable) && (!executable || s.isExecutable)
    }
  }

  /// The program headers the loader reads: only kinds `cc -shared` writes, every PT_LOAD
  /// aligned, inside the file, in ascending order without overlap, never writable and
  /// executable; PT_DYNAMIC, notes and RELRO inside what the PT_LOADs map.
  func checkSegments() throws(ObjectError) {
    let all = segments
    for s in all where !Self.allowedSegments.contains(s.type) {
      let name = Self.segmentNames[s.type] ?? String(format: "type 0x%x", s.type)
      throw forbidden(s.header, "a program header of \(name), which `stratc build` never writes")
    }
    try checkLoads(all.filter { $0.type == Self.load })
    for s in all {
      switch s.type {
      case Self.gnuStack where s.isExecutable:
        throw forbidden(s.header, "PT_GNU_STACK asks for an executable stack")
      case Self.gnuRelro, Self.gnuEHFrame:
        guard isMapped(address: s.address, size: s.memorySize) else {
          throw malformed(
            s.header,
            "\(Self.segmentNames[s.type]!) lies outside the PT_LOAD segments"
          )
        }
      case Self.note, Self.gnuProperty:
        try checkNotes(s)
      default: break
      }
    }
    let dynamics = all.filter { $0.type == Self.dynamic }
    guard dynamics.count == 1, let dynamic = dynamics.first else {
      throw malformed(
        Int(u64(32)),
        "\(dynamics.count) PT_DYNAMIC program headers; a shared object has one"
      )
    }
    guard dynamic.fileSize % 16 == 0, dynamic.fileSize > 0,
      let range = fileRange(address: dynamic.address, size: dynamic.fileSize),
      range.lowerBound == Int(dynamic.offset),
      isMapped(address: dynamic.address, size: dynamic.fileSize, writable: true)
    else {
      throw malformed(
        dynamic.header,
        "PT_DYNAMIC does not lie, as it says, inside a writable PT_LOAD segment"
      )
    }
  }

  private func checkLoads(_ loads: [ELFSegment]) throws(ObjectError) {
    guard let first = loads.first, first.offset == 0, first.address == 0 else {
      throw malformed(
        Int(u64(32)),
        "the first PT_LOAD segment does not map the start of the file at address 0"
      )
    }
    let page = UInt64(max(4096, sysconf(Int32(_SC_PAGESIZE))))
    var end: UInt64 = 0
    for s in loads {
      guard s.align >= page, s.align & (s.align - 1) == 0, s.offset % s.align == s.address % s.align
      else {
        throw malformed(
          s.header,
          "a PT_LOAD segment's alignment (\(s.align)) is not a power of two of at least \(page) matching its offset and address"
        )
      }
      guard s.fileSize <= s.memorySize, s.address >= end, s.memorySize <= Self.maxSpan,
        s.address <= Self.maxSpan - s.memorySize
      else {
        throw malformed(
          s.header,
          "a PT_LOAD segment overlaps the previous one, is out of order, or is larger in the file than in memory"
        )
      }
      guard !(s.isWritable && s.isExecutable) else {
        throw forbidden(s.header, "a PT_LOAD segment is both writable and executable")
      }
      end = s.address + s.memorySize
    }
  }

  /// Notes are read in memory by the loader (GNU properties): each header and its padded name
  /// and description must lie inside the segment, which a PT_LOAD must map.
  private func checkNotes(_ s: ELFSegment) throws(ObjectError) {
    guard s.fileSize == s.memorySize, let range = fileRange(address: s.address, size: s.fileSize),
      range.lowerBound == Int(s.offset),
      s.align == 4 || s.align == 8
    else {
      throw malformed(s.header, "a note segment lies outside the PT_LOAD segments or is misaligned")
    }
    var at = range.lowerBound
    // Rounding as glibc's ELF_NOTE_NEXT_OFFSET does.
    let pad = { (n: Int) in (n + Int(s.align) - 1) / Int(s.align) * Int(s.align) }
    while at < range.upperBound {
      guard range.upperBound - at >= 12 else {
        throw malformed(at, "a note header is cut off by its segment's end")
      }
      let length = pad(pad(12 + Int(u32(at))) + Int(u32(at + 4)))
      guard length <= range.upperBound - at else {
        throw malformed(at, "a note reaches past its segment's end")
      }
      at += length
    }
  }
}

extension ELFImage {
  /// The file bytes a PT_LOAD maps from `address` to the end of its file contents.
  func fileExtent(address: UInt64) -> Range<Int>? {
    for s in loads where address >= s.address && address - s.address < s.fileSize {
      return Int(s.offset + (address - s.address))..<Int(s.offset + s.fileSize)
    }
    return nil
  }
}

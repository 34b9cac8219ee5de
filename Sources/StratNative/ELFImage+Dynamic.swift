/// The dynamic section as the loader reads it: each tag once (but DT_NEEDED), and the strings.
struct ELFDynamic {
  /// A tag's value and the file offset of its entry.
  var values: [UInt64: (value: UInt64, at: Int)] = [:]
  /// DT_NEEDED names with their entries' offsets.
  var needed: [(name: String, at: Int)] = []
  /// The file range of the string table.
  var strings: Range<Int> = 0..<0

  subscript(_ tag: UInt64) -> UInt64? { values[tag]?.value }
  func at(_ tag: UInt64) -> Int { values[tag]?.at ?? 0 }
}

extension ELFImage {
  static let dtNeeded: UInt64 = 1, dtPLTRelSize: UInt64 = 2, dtPLTGOT: UInt64 = 3,
    dtHash: UInt64 = 4
  static let dtStrtab: UInt64 = 5, dtSymtab: UInt64 = 6, dtRela: UInt64 = 7, dtRelaSize: UInt64 = 8
  static let dtRelaEntry: UInt64 = 9, dtStrSize: UInt64 = 10, dtSymEntry: UInt64 = 11,
    dtInit: UInt64 = 12
  static let dtFini: UInt64 = 13, dtPLTRel: UInt64 = 20, dtJmpRel: UInt64 = 23,
    dtBindNow: UInt64 = 24
  static let dtInitArray: UInt64 = 25, dtFiniArray: UInt64 = 26, dtInitArraySize: UInt64 = 27
  static let dtFiniArraySize: UInt64 = 28, dtFlags: UInt64 = 30, dtGNUHash: UInt64 = 0x6FFF_FEF5
  static let dtVersym: UInt64 = 0x6FFF_FFF0, dtRelaCount: UInt64 = 0x6FFF_FFF9,
    dtFlags1: UInt64 = 0x6FFF_FFFB
  static let dtVerneed: UInt64 = 0x6FFF_FFFE, dtVerneedNum: UInt64 = 0x6FFF_FFFF

  /// Exactly the tags `cc -shared` writes for a stratc object (readelf -d of a real build),
  /// plus DT_HASH, DT_FLAGS, DT_FLAGS_1 and DT_BIND_NOW, which other linkers' defaults add.
  static let allowedTags: Set<UInt64> = [
    dtNeeded, dtPLTRelSize, dtPLTGOT, dtHash, dtStrtab, dtSymtab, dtRela, dtRelaSize, dtRelaEntry,
    dtStrSize,
    dtSymEntry, dtInit, dtFini, dtPLTRel, dtJmpRel, dtBindNow, dtInitArray, dtFiniArray,
    dtInitArraySize,
    dtFiniArraySize, dtFlags, dtGNUHash, dtVersym, dtRelaCount, dtFlags1, dtVerneed, dtVerneedNum,
  ]
  static let tagNames: [UInt64: String] = [
    14: "DT_SONAME", 15: "DT_RPATH", 16: "DT_SYMBOLIC", 17: "DT_REL", 22: "DT_TEXTREL",
    29: "DT_RUNPATH",
    32: "DT_PREINIT_ARRAY", 0x6FFF_FFFC: "DT_VERDEF", 0x7FFF_FFFD: "DT_AUXILIARY",
    0x7FFF_FFFF: "DT_FILTER",
    0x6FFF_FEFC: "DT_AUDIT", 0x6FFF_FEFB: "DT_DEPAUDIT",
  ]
  /// The libraries a strategy's code may call: the C library and its maths.
  static let allowedLibraries: Set<String> = ["libc.so.6", "libm.so.6"]

  /// Reads and checks PT_DYNAMIC (which `checkSegments` placed inside the file and a PT_LOAD).
  func dynamicSection() throws(ObjectError) -> ELFDynamic {
    let segment = segments.first { $0.type == Self.dynamic }!
    var dynamic = ELFDynamic()
    var at = Int(segment.offset), ended = false
    var needed: [(offset: UInt64, at: Int)] = []
    while at < Int(segment.offset + segment.fileSize) {
      let (tag, value) = (u64(at), u64(at + 8))
      if tag == 0 { ended = true; break }
      guard Self.allowedTags.contains(tag) else {
        throw forbidden(
          at,
          "a dynamic entry \(Self.tagNames[tag] ?? "of tag 0x" + String(tag, radix: 16)), which `stratc build` never writes"
        )
      }
      guard tag == Self.dtNeeded || dynamic.values[tag] == nil else {
        throw malformed(at, "dynamic tag 0x\(String(tag, radix: 16)) appears twice")
      }
      dynamic.values[tag] = (value, at)
      if tag == Self.dtNeeded { needed.append((value, at)) }
      at += 16
    }
    guard ended else {
      throw malformed(Int(segment.offset), "the dynamic section has no DT_NULL end")
    }
    try checkStrings(&dynamic, needed: needed)
    try checkDynamicValues(dynamic)
    return dynamic
  }

  /// DT_STRTAB/DT_STRSZ inside the file, ending in NUL, so every name read from it ends inside.
  private func checkStrings(_ dynamic: inout ELFDynamic, needed: [(offset: UInt64, at: Int)])
    throws(ObjectError)
  {
    guard let address = dynamic[Self.dtStrtab], let size = dynamic[Self.dtStrSize], size > 0,
      let range = tableRange(address: address, size: size), bytes[range.upperBound - 1] == 0
    else {
      throw malformed(
        dynamic.at(Self.dtStrtab),
        "DT_STRTAB/DT_STRSZ is missing or lies outside the read-only segments"
      )
    }
    dynamic.strings = range
    for (offset, at) in needed {
      guard let name = string(offset, in: range) else {
        throw malformed(at, "a DT_NEEDED name lies outside the string table")
      }
      guard Self.allowedLibraries.contains(name) else {
        throw forbidden(at, "it needs \(name); a stratc object needs only libc.so.6 and libm.so.6")
      }
      dynamic.needed.append((name, at))
    }
  }

  /// The NUL-terminated string at `offset` of the string table `table`.
  func string(_ offset: UInt64, in table: Range<Int>) -> String? {
    guard offset < UInt64(table.count) else { return nil }
    return String(
      decoding: bytes[(table.lowerBound + Int(offset))..<table.upperBound].prefix { $0 != 0 },
      as: UTF8.self
    )
  }

  /// Every address the loader follows lies in a PT_LOAD with the access it needs, every size
  /// is whole entries, and the constructors are at most the one `cc` adds (frame_dummy).
  private func checkDynamicValues(_ d: ELFDynamic) throws(ObjectError) {
    for tag in [Self.dtInit, Self.dtFini] {
      guard let address = d[tag] else { continue }
      guard isMapped(address: address, size: 1, executable: true) else {
        throw malformed(d.at(tag), "DT_INIT/DT_FINI points outside the executable segment")
      }
    }
    for (array, size) in [
      (Self.dtInitArray, Self.dtInitArraySize), (Self.dtFiniArray, Self.dtFiniArraySize),
    ] {
      guard d[array] != nil || d[size] != nil else { continue }
      guard let address = d[array], let bytes = d[size], bytes % 8 == 0,
        isMapped(address: address, size: bytes, writable: true)
      else {
        throw malformed(
          d.at(array),
          "DT_INIT_ARRAY/DT_FINI_ARRAY and its size do not lie inside a writable segment"
        )
      }
      guard bytes <= 8 else {
        throw forbidden(
          d.at(size),
          "\(bytes / 8) constructors or destructors; `cc` adds one of each, a strategy none"
        )
      }
    }
    if let address = d[Self.dtPLTGOT], !isMapped(address: address, size: 24, writable: true) {
      throw malformed(d.at(Self.dtPLTGOT), "DT_PLTGOT lies outside the writable segment")
    }
    if let flags = d[Self.dtFlags], flags & ~8 != 0 {  // only DF_BIND_NOW; DF_TEXTREL is 4
      throw forbidden(
        d.at(Self.dtFlags),
        "DT_FLAGS 0x\(String(flags, radix: 16)) (text relocations, static TLS or symbolic binding)"
      )
    }
    if let flags = d[Self.dtFlags1], flags & ~1 != 0 {
      throw forbidden(d.at(Self.dtFlags1), "DT_FLAGS_1 0x\(String(flags, radix: 16))")
    }
    if let entry = d[Self.dtSymEntry], entry != 24 {
      throw malformed(d.at(Self.dtSymEntry), "DT_SYMENT is \(entry), not 24")
    }
    if let entry = d[Self.dtRelaEntry], entry != 24 {
      throw malformed(d.at(Self.dtRelaEntry), "DT_RELAENT is \(entry), not 24")
    }
    if d[Self.dtJmpRel] != nil, d[Self.dtPLTRel] != Self.dtRela {
      throw malformed(d.at(Self.dtPLTRel), "DT_PLTREL is not DT_RELA")
    }
    guard d[Self.dtSymtab] != nil, d[Self.dtGNUHash] != nil || d[Self.dtHash] != nil else {
      throw malformed(
        d.at(Self.dtSymtab),
        "the dynamic section has no symbol table or no hash table"
      )
    }
  }
}

/// What the loader will write: the address each relocation patches and, for a relative one,
/// the address it stores there (the load base aside).
struct ELFRelocations {
  /// Relative relocations: patched address → address stored.
  var relative: [UInt64: UInt64] = [:]
  /// Patched addresses of relocations against a symbol (resolved only at load time).
  var bound: Set<UInt64> = []
}

extension ELFImage {
  /// The relocation types of a stratc object: relative, GOT and PLT slots, absolute words.
  static var relocationTypes: (relative: UInt32, allowed: Set<UInt32>, jumpSlot: UInt32) {
    #if arch(arm64)
      (1027, [1027, 1025, 1026, 257], 1026)
    #else
      (8, [8, 6, 7, 1], 7)
    #endif
  }

  /// Checks DT_RELA and DT_JMPREL: whole tables inside the file, known types only (no IFUNC,
  /// TLS or copy relocations), each patching 8 bytes of a writable segment once, naming a
  /// symbol that exists; then that the constructor arrays hold relocated code addresses.
  func relocations(_ d: ELFDynamic, symbols: ELFSymbols) throws(ObjectError) -> ELFRelocations {
    var result = ELFRelocations()
    let types = Self.relocationTypes
    for (table, size, plt) in [
      (Self.dtRela, Self.dtRelaSize, false), (Self.dtJmpRel, Self.dtPLTRelSize, true),
    ] {
      guard d[table] != nil || d[size] != nil else { continue }
      guard let address = d[table], let bytes = d[size], bytes % 24 == 0,
        let range = tableRange(address: address, size: bytes)
      else {
        throw malformed(
          d.at(table),
          "a relocation table and its size do not lie inside the PT_LOAD segments"
        )
      }
      let relativeCount = plt ? 0 : Int(clamping: d[Self.dtRelaCount] ?? 0)
      guard relativeCount <= range.count / 24 else {
        throw malformed(d.at(Self.dtRelaCount), "DT_RELACOUNT exceeds the relocations")
      }
      for at in stride(from: range.lowerBound, to: range.upperBound, by: 24) {
        let (offset, type, symbol, addend) = (u64(at), u32(at + 8), Int(u32(at + 12)), u64(at + 16))
        guard plt ? type == types.jumpSlot : types.allowed.contains(type) else {
          throw forbidden(at, "a relocation of type \(type), which a stratc object never has")
        }
        guard isMapped(address: offset, size: 8, writable: true) else {
          throw malformed(
            at,
            "a relocation patches address 0x\(String(offset, radix: 16)), outside every writable segment"
          )
        }
        guard result.relative[offset] == nil, !result.bound.contains(offset) else {
          throw malformed(at, "two relocations patch address 0x\(String(offset, radix: 16))")
        }
        let isRelative = type == types.relative
        guard isRelative == (symbol == 0), symbol < symbols.count else {
          throw malformed(at, "a relocation names symbol \(symbol) of \(symbols.count)")
        }
        guard isRelative || (at - range.lowerBound) / 24 >= relativeCount else {
          throw malformed(at, "DT_RELACOUNT counts a relocation that is not relative")
        }
        if isRelative {
          guard isMapped(address: addend, size: 0) else {
            throw malformed(
              at,
              "a relative relocation stores 0x\(String(addend, radix: 16)), outside the object"
            )
          }
          result.relative[offset] = addend
        } else {
          result.bound.insert(offset)
        }
      }
    }
    try checkConstructorTargets(d, result)
    return result
  }

  /// The loader calls every DT_INIT_ARRAY and DT_FINI_ARRAY entry: each must be relocated to code.
  private func checkConstructorTargets(_ d: ELFDynamic, _ relocations: ELFRelocations)
    throws(ObjectError)
  {
    for (array, size) in [
      (Self.dtInitArray, Self.dtInitArraySize), (Self.dtFiniArray, Self.dtFiniArraySize),
    ] {
      guard let address = d[array], let bytes = d[size] else { continue }
      for slot in stride(from: address, to: address + bytes, by: 8) {
        guard let target = relocations.relative[slot],
          isMapped(address: target, size: 1, executable: true)
        else {
          throw malformed(d.at(array), "a constructor or destructor entry does not point to code")
        }
      }
    }
  }
}

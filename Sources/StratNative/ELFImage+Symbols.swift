import StratABI

/// The dynamic symbol table, its size known from the hash tables the loader searches.
struct ELFSymbols {
  /// File offset of symbol 0.
  let table: Int
  let count: Int
  /// The address of the entry function `stratc_strategy_v1`.
  let entry: UInt64
}

extension ELFImage {
  /// More symbols than a strategy object could ever have.
  static let maxSymbols = 1 << 16

  /// Checks the hash tables (every bucket and chain inside the file, naming a symbol that
  /// exists), the symbols (names inside the string table, no indirect functions or TLS, only
  /// the entry function defined and exported) and the version tables the loader indexes by them.
  func dynamicSymbols(_ d: ELFDynamic) throws(ObjectError) -> ELFSymbols {
    var count = 0
    if d[Self.dtGNUHash] != nil { count = try gnuHashSymbolCount(d) }
    if d[Self.dtHash] != nil { count = max(count, try sysvHashSymbolCount(d)) }
    guard let symtab = d[Self.dtSymtab],
      let range = tableRange(address: symtab, size: UInt64(count) * 24), count >= 1
    else {
      throw malformed(
        d.at(Self.dtSymtab),
        "the symbol table (\(count) symbols by its hash table) lies outside the read-only segments"
      )
    }
    var entry: UInt64?
    for index in 1..<count {
      let at = range.lowerBound + 24 * index
      guard let name = string(UInt64(u32(at)), in: d.strings) else {
        throw malformed(at, "symbol \(index)'s name lies outside the string table")
      }
      let (type, binding, section) = (bytes[at + 4] & 0xF, bytes[at + 4] >> 4, u16(at + 6))
      let (value, size) = (u64(at + 8), u64(at + 16))
      guard type <= 2, binding <= 2 else {
        throw forbidden(at, "symbol `\(name)` is an indirect function, TLS or of an unknown kind")
      }
      // The loader binds a local or non-default-visibility reference to this object itself
      // (address 0 for an undefined one), and takes an absolute symbol's value unrelocated.
      guard bytes[at + 5] == 0, binding != 0, section < 0xFF00 else {
        throw malformed(
          at,
          "symbol `\(name)` is local, absolute or of non-default visibility, which the loader would bind to address 0"
        )
      }
      guard section != 0 else { continue }
      guard name == ObjectMetadata.entrySymbol else {
        throw forbidden(
          at,
          "it defines `\(name)`; a stratc object defines only \(ObjectMetadata.entrySymbol)"
        )
      }
      guard type == 2, isMapped(address: value, size: max(size, 1), executable: true) else {
        throw malformed(at, "\(name) is not a function inside the executable segment")
      }
      entry = value
    }
    guard let entry else {
      throw .notStratcObject(path: path, why: "it does not export \(ObjectMetadata.entrySymbol)")
    }
    try checkVersions(d, symbols: count)
    return ELFSymbols(table: range.lowerBound, count: count, entry: entry)
  }

  /// DT_GNU_HASH: buckets, a power-of-two bloom filter, chains ending inside the table.
  private func gnuHashSymbolCount(_ d: ELFDynamic) throws(ObjectError) -> Int {
    let at = d.at(Self.dtGNUHash), address = d[Self.dtGNUHash]!
    guard let head = tableRange(address: address, size: 16) else {
      throw malformed(at, "DT_GNU_HASH lies outside the read-only segments")
    }
    let (buckets, offset, bloom) = (
      UInt64(u32(head.lowerBound)), UInt64(u32(head.lowerBound + 4)),
      UInt64(u32(head.lowerBound + 8))
    )
    guard buckets >= 1, bloom >= 1, bloom & (bloom - 1) == 0, u32(head.lowerBound + 12) < 64,
      buckets <= UInt64(Self.maxSymbols),
      bloom <= UInt64(Self.maxSymbols),
      let table = tableRange(address: address, size: 16 + 8 * bloom + 4 * buckets)
    else {
      throw malformed(
        head.lowerBound,
        "the GNU hash table's header (buckets, bloom words, shift) is out of range or outside the file"
      )
    }
    let chains = address + 16 + 8 * bloom + 4 * buckets
    var count = Int(offset)
    for k in 0..<Int(buckets) {
      var symbol = UInt64(u32(table.lowerBound + 16 + 8 * Int(bloom) + 4 * k))
      guard symbol != 0 else { continue }
      guard symbol >= offset, symbol < UInt64(Self.maxSymbols) else {
        throw malformed(
          table.lowerBound,
          "GNU hash bucket \(k) names symbol \(symbol), outside the hashed symbols"
        )
      }
      while true {
        guard symbol < UInt64(Self.maxSymbols),
          let link = tableRange(address: chains + 4 * (symbol - offset), size: 4)
        else {
          throw malformed(
            table.lowerBound,
            "GNU hash chain of bucket \(k) runs past the end of its table"
          )
        }
        count = max(count, Int(symbol) + 1)
        if u32(link.lowerBound) & 1 == 1 { break }
        symbol += 1
      }
    }
    return count
  }

  /// DT_HASH: every bucket and chain names a symbol below nchain.
  private func sysvHashSymbolCount(_ d: ELFDynamic) throws(ObjectError) -> Int {
    let at = d.at(Self.dtHash), address = d[Self.dtHash]!
    guard let head = tableRange(address: address, size: 8) else {
      throw malformed(at, "DT_HASH lies outside the read-only segments")
    }
    let (buckets, chains) = (UInt64(u32(head.lowerBound)), UInt64(u32(head.lowerBound + 4)))
    guard buckets >= 1, buckets <= UInt64(Self.maxSymbols), chains <= UInt64(Self.maxSymbols),
      let table = tableRange(address: address, size: 8 + 4 * (buckets + chains))
    else {
      throw malformed(
        head.lowerBound,
        "the hash table's sizes are out of range or reach outside the file"
      )
    }
    for k in 0..<Int(buckets + chains) where UInt64(u32(table.lowerBound + 8 + 4 * k)) >= chains {
      throw malformed(
        table.lowerBound + 8 + 4 * k,
        "a hash bucket or chain names a symbol past the table's \(chains)"
      )
    }
    return Int(chains)
  }

  /// DT_VERNEED's entries (walked by their next links, as the loader walks them) and DT_VERSYM,
  /// whose every index must name a version the needs declare: the loader does not check.
  private func checkVersions(_ d: ELFDynamic, symbols: Int) throws(ObjectError) {
    var highest: UInt64 = 1
    if let address = d[Self.dtVerneed] {
      var need = address, entries = 0
      repeat {
        guard entries < 64, let entry = tableRange(address: need, size: 16),
          u16(entry.lowerBound) == 1,
          let file = string(UInt64(u32(entry.lowerBound + 4)), in: d.strings),
          d.needed.contains(where: { $0.name == file })
        else {
          throw malformed(
            tableRange(address: need, size: 1)?.lowerBound ?? d.at(Self.dtVerneed),
            "a version need is outside the file or names a library the object does not need"
          )
        }
        var aux = need + UInt64(u32(entry.lowerBound + 8)), auxes = 0
        repeat {
          guard auxes < 64, let item = tableRange(address: aux, size: 16),
            string(UInt64(u32(item.lowerBound + 8)), in: d.strings) != nil
          else {
            throw malformed(
              entry.lowerBound,
              "a version of \(file) is outside the file or its name outside the string table"
            )
          }
          highest = max(highest, UInt64(u16(item.lowerBound + 6) & 0x7FFF))
          auxes += 1
          let next = UInt64(u32(item.lowerBound + 12))
          aux += next
          if next == 0 { break }
        } while true
        entries += 1
        let next = UInt64(u32(entry.lowerBound + 12))
        need += next
        if next == 0 { break }
      } while true
    }
    guard let versym = d[Self.dtVersym] else { return }
    guard let table = tableRange(address: versym, size: UInt64(symbols) * 2) else {
      throw malformed(
        d.at(Self.dtVersym),
        "DT_VERSYM's \(symbols) entries lie outside the read-only segments"
      )
    }
    for k in 0..<symbols where UInt64(u16(table.lowerBound + 2 * k) & 0x7FFF) > highest {
      throw malformed(
        table.lowerBound + 2 * k,
        "symbol \(k)'s version index names no declared version"
      )
    }
  }
}

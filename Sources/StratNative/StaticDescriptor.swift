internal import CStratc
import StratABI

/// The descriptor of an object read from its file, without running any of its code: the entry
/// function's instructions name the descriptor's address (they must be exactly the two that
/// DescriptorWriter's `ret ptr @stratc_descriptor` compiles to), and every pointer in it is
/// followed through the object's relative relocations, as the loader would patch it. The tables
/// are copied into memory this reader owns and checked by the same `DescriptorReader` that
/// checks a loaded descriptor.
struct StaticDescriptor {
  let image: ELFImage
  let relocations: ELFRelocations
  private let arena = Arena()

  init(image: ELFImage, relocations: ELFRelocations) {
    self.image = image
    self.relocations = relocations
  }

  /// What the descriptor returned by the function at `entry` declares.
  func read(entry: UInt64) throws(ObjectError) -> ObjectDescription {
    let address = try descriptorAddress(entry: entry)
    var (d, range) = try header(at: address, entry: entry)
    try follow(&d, at: address)
    do {
      let reader = try DescriptorReader(d)
      return ObjectDescription(
        metadata: reader.metadata,
        interface: reader.interface,
        slots: reader.slots,
        stateAlignment: Int(d.state_align),
        maxDecisions: Int(d.max_decisions)
      )
    } catch {
      throw .descriptor(path: image.path, offset: range.lowerBound, error)
    }
  }

  /// The descriptor's bytes as the file holds them (pointers unrelocated), of this ABI.
  private func header(at address: UInt64, entry: UInt64) throws(ObjectError) -> (
    stratc_strategy, Range<Int>
  ) {
    let size = MemoryLayout<stratc_strategy>.size
    guard let range = image.fileRange(address: address, size: UInt64(size)) else {
      throw refused("the descriptor lies outside the file", at: entry)
    }
    var d = stratc_strategy()
    withUnsafeMutableBytes(of: &d) { $0.copyBytes(from: image.bytes[range]) }
    guard d.abi_version == STRATC_ABI_VERSION else {
      throw .abiVersion(
        path: image.path,
        found: Int(d.abi_version),
        expected: Int(STRATC_ABI_VERSION)
      )
    }
    guard Int(d.descriptor_size) == size else {
      throw refused(
        "the descriptor says it has \(d.descriptor_size) bytes; ABI 1's has \(size)",
        at: address
      )
    }
    return (d, range)
  }

  /// Replaces every pointer of `d` (at `address` in the object) with a copy of what the loader
  /// would make it point to; the init and step functions must be code, and become nil.
  private func follow(_ d: inout stratc_strategy, at address: UInt64) throws(ObjectError) {
    func field<T>(_ path: KeyPath<stratc_strategy, T>) -> UInt64 {
      address + UInt64(MemoryLayout<stratc_strategy>.offset(of: path)!)
    }
    d.name = try string(at: field(\.name))
    d.compiler_version = try string(at: field(\.compiler_version))
    d.source_hash = try string(at: field(\.source_hash))
    d.code_hash = try string(at: field(\.code_hash))
    d.target_cpu = try string(at: field(\.target_cpu))
    d.instruments = try table(
      at: field(\.instruments),
      count: d.instrument_count,
      stride: 16,
      strings: [0, 8]
    )
    d.params = try table(at: field(\.params), count: d.param_count, stride: 24, strings: [0])
    d.slots = try table(at: field(\.slots), count: d.slot_count, stride: 32, strings: [0])
    d.inputs_read = try table(
      at: field(\.inputs_read),
      count: d.input_count,
      stride: 4,
      strings: []
    )
    d.risk = try risk(at: field(\.risk), instruments: d.instrument_count)
    for function in [field(\.`init`), field(\.step)] {
      guard let target = try pointer(at: function),
        image.isMapped(address: target, size: 1, executable: true)
      else {
        throw refused(
          "the descriptor's init or step function is not in the executable segment",
          at: function
        )
      }
    }
    (d.`init`, d.step) = (nil, nil)  // never called: this copy only describes
  }

  /// A refusal located at the file offset of `address` (a field, a pointer or the entry).
  private func refused(_ why: String, at address: UInt64) -> ObjectError {
    .descriptor(
      path: image.path,
      offset: image.fileRange(address: address, size: 1)?.lowerBound,
      .badDescriptor(why)
    )
  }

  /// The address `lea rax, [rip + d]; ret` (x86-64) or `adrp x0; add x0, x0, #lo; ret` (AArch64) returns.
  private func descriptorAddress(entry: UInt64) throws(ObjectError) -> UInt64 {
    #if arch(arm64)
      guard let code = image.fileRange(address: entry, size: 12) else {
        throw refused("the entry function is outside the file", at: entry)
      }
      let (adrp, add, ret) = (
        image.u32(code.lowerBound), image.u32(code.lowerBound + 4), image.u32(code.lowerBound + 8)
      )
      guard adrp & 0x9F00_001F == 0x9000_0000, add & 0xFFC0_03FF == 0x9100_0000, ret == 0xD65F_03C0
      else {
        throw refused(
          "the entry function is not the one stratc writes (return the descriptor's address)",
          at: entry
        )
      }
      let pages = Int64(((adrp >> 5) & 0x7FFFF) << 2 | (adrp >> 29) & 3) << 43 >> 43
      return UInt64(bitPattern: Int64(bitPattern: entry & ~0xFFF) &+ pages << 12)
        &+ UInt64((add >> 10) & 0xFFF)
    #else
      guard let code = image.fileRange(address: entry, size: 8) else {
        throw refused("the entry function is outside the file", at: entry)
      }
      let b = image.bytes[code]
      guard b.prefix(3).elementsEqual([0x48, 0x8D, 0x05]), b.last == 0xC3 else {
        throw refused(
          "the entry function is not the one stratc writes (return the descriptor's address)",
          at: entry
        )
      }
      let displacement = Int32(bitPattern: image.u32(code.lowerBound + 3))
      return UInt64(bitPattern: Int64(bitPattern: entry) &+ 7 &+ Int64(displacement))
    #endif
  }

  /// The address the loader will store at `address`: nil for a null pointer; refused when
  /// the loader would bind it to a symbol or leave an absolute address there.
  private func pointer(at address: UInt64) throws(ObjectError) -> UInt64? {
    if let target = relocations.relative[address] { return target }
    guard !relocations.bound.contains(address),
      let word = image.fileRange(address: address, size: 8), image.u64(word.lowerBound) == 0
    else {
      throw refused("a descriptor pointer is not a relocated address in the object", at: address)
    }
    return nil
  }

  private func string(at address: UInt64) throws(ObjectError) -> UnsafePointer<CChar>? {
    guard let target = try pointer(at: address) else { return nil }
    guard let extent = image.fileExtent(address: target),
      let end = image.bytes[extent].firstIndex(of: 0)
    else {
      throw refused(
        "a string at address 0x\(String(target, radix: 16)) does not end inside the object",
        at: address
      )
    }
    return UnsafePointer(
      arena.copy(image.bytes[extent.lowerBound...end]).assumingMemoryBound(to: CChar.self)
    )
  }

  /// Copies `count` entries of `stride` bytes, replacing the pointers at offsets `strings` of
  /// each entry with copies of the strings they point to.
  private func table<T>(at address: UInt64, count: UInt32, stride: Int, strings: [Int])
    throws(ObjectError) -> UnsafePointer<T>?
  {
    guard let target = try pointer(at: address) else { return nil }
    guard let range = image.fileRange(address: target, size: UInt64(count) * UInt64(stride)) else {
      throw refused(
        "a table of \(count) entries at address 0x\(String(target, radix: 16)) lies outside the object",
        at: address
      )
    }
    let copy = arena.copy(image.bytes[range])
    for index in 0..<Int(count) {
      for offset in strings {
        let name = try string(at: target + UInt64(index * stride + offset))
        copy.storeBytes(
          of: name,
          toByteOffset: index * stride + offset,
          as: UnsafePointer<CChar>?.self
        )
      }
    }
    return UnsafePointer(copy.assumingMemoryBound(to: T.self))
  }

  private func risk(at address: UInt64, instruments: UInt32) throws(ObjectError) -> UnsafePointer<
    stratc_risk
  >? {
    let copy: UnsafePointer<stratc_risk>? = try table(
      at: address,
      count: 1,
      stride: MemoryLayout<stratc_risk>.size,
      strings: []
    )
    guard let copy, let target = try pointer(at: address) else { return copy }
    let positions: UnsafePointer<Double>? = try table(
      at: target,
      count: instruments,
      stride: 8,
      strings: []
    )
    UnsafeMutablePointer(mutating: copy).pointee.max_position = positions
    return copy
  }
}

/// Memory owned by one static read, freed with it.
private final class Arena {
  private var blocks: [UnsafeMutableRawPointer] = []

  /// A copy of `bytes`, 16-byte aligned, with a NUL after it.
  func copy(_ bytes: ArraySlice<UInt8>) -> UnsafeMutableRawPointer {
    let block = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 1, alignment: 16)
    block.initializeMemory(as: UInt8.self, repeating: 0, count: bytes.count + 1)
    bytes.withUnsafeBytes {
      if let base = $0.baseAddress { block.copyMemory(from: base, byteCount: $0.count) }
    }
    blocks.append(block)
    return block
  }

  deinit { blocks.forEach { $0.deallocate() } }
}

/// What an object's descriptor declares, read from the file (`ObjectImage`) or from loaded code.
public struct ObjectDescription: Sendable, Equatable {
  public let metadata: ObjectMetadata
  public let interface: StrategyInterface
  public let slots: [NativeSlot]
  public let stateAlignment: Int
  public let maxDecisions: Int

  public init(
    metadata: ObjectMetadata,
    interface: StrategyInterface,
    slots: [NativeSlot],
    stateAlignment: Int,
    maxDecisions: Int
  ) {
    self.metadata = metadata
    self.interface = interface
    self.slots = slots
    self.stateAlignment = stateAlignment
    self.maxDecisions = maxDecisions
  }
}

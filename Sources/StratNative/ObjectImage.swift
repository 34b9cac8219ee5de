import Foundation
import StratABI

/// A stratc object's bytes, read once and validated before anything maps them: the one entry
/// point the backtester and the live engine load objects through.
///
/// `validate` checks everything the system loader relies on (ELF header, program headers,
/// dynamic section, relocations, symbol and version tables: `ELFImage+*.swift`), refuses what
/// `stratc build` never writes (other libraries, constructors, text relocations, an
/// interpreter), reads the `.stratc` metadata and the descriptor from the file (no code runs),
/// and hashes the bytes. `StrategyObject.load(_:)` then maps exactly these bytes.
public struct ObjectImage: Sendable {
  /// The file the bytes were read from (named in errors only).
  public let path: String
  /// Every byte of the object: what was hashed is what gets loaded.
  public let bytes: [UInt8]
  /// SHA-256 of `bytes`, lowercase hex (the engine signs this).
  public let sha256: String
  /// The `.stratc` section's metadata.
  public let metadata: ObjectMetadata
  /// The descriptor, read from the file; it repeats `metadata`.
  public let description: ObjectDescription

  /// Reads the file at `path` once and validates its bytes.
  public static func read(path: String) throws(ObjectError) -> ObjectImage {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path)
    }
    guard data.count <= ELFImage.maxBytes else {
      throw .notStratcObject(path: path, why: "\(data.count) bytes is too large")
    }
    return try validate(bytes: [UInt8](data), path: path)
  }

  /// Validates `bytes`, an object's contents (`path` names it in errors).
  public static func validate(bytes: [UInt8], path: String) throws(ObjectError) -> ObjectImage {
    let elf = try ELFImage(bytes: bytes, path: path)
    let metadata = try metadata(of: elf)
    guard metadata.abiVersion == ObjectMetadata.abiVersion else {
      throw .abiVersion(path: path, found: metadata.abiVersion, expected: ObjectMetadata.abiVersion)
    }
    try elf.checkSegments()
    let dynamic = try elf.dynamicSection()
    let symbols = try elf.dynamicSymbols(dynamic)
    let relocations = try elf.relocations(dynamic, symbols: symbols)
    let description = try StaticDescriptor(image: elf, relocations: relocations).read(
      entry: symbols.entry
    )
    guard description.metadata == metadata else { throw .inconsistent(path: path, loaded: false) }
    return ObjectImage(
      path: path,
      bytes: bytes,
      sha256: SHA256.hex(bytes),
      metadata: metadata,
      description: description
    )
  }

  /// The `.stratc` section's metadata.
  static func metadata(of image: ELFImage) throws(ObjectError) -> ObjectMetadata {
    guard let section = image.section(named: ObjectMetadata.sectionName) else {
      throw .notStratcObject(
        path: image.path,
        why: "it has no \(ObjectMetadata.sectionName) section"
      )
    }
    guard
      let metadata = ObjectMetadata(
        sectionText: String(decoding: section.prefix { $0 != 0 }, as: UTF8.self)
      )
    else {
      throw .notStratcObject(
        path: image.path,
        why: "its \(ObjectMetadata.sectionName) section is not stratc metadata"
      )
    }
    return metadata
  }

  /// Refuses the object unless it was built from what the caller expects: the source, the
  /// code, the hash of every byte, and byte for byte the caller's own rebuild.
  public func check(_ expected: StrategyObject.Expectation) throws(ObjectError) {
    if let hash = expected.sourceHash, hash != metadata.sourceHash {
      throw .mismatch(path: path, what: "source", object: metadata.sourceHash, expected: hash)
    }
    if let hash = expected.codeHash, hash != metadata.codeHash {
      throw .mismatch(path: path, what: "code", object: metadata.codeHash, expected: hash)
    }
    if let hash = expected.sha256, hash != sha256 {
      throw .hash(path: path, found: sha256, expected: hash)
    }
    if let reference = expected.rebuild, let offset = firstDifference(from: reference) {
      throw .differs(
        path: path,
        offset: offset,
        section: section(containing: offset),
        cpu: metadata.cpu
      )
    }
  }

  /// The first byte offset where the object and `reference` differ, or nil when they are equal.
  public func firstDifference(from reference: [UInt8]) -> Int? {
    zip(bytes, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? (bytes.count == reference.count ? nil : min(bytes.count, reference.count))
  }

  /// The name of the section holding `offset` ("the ELF header", "the section headers" …).
  public func section(containing offset: Int) -> String {
    guard let elf = try? ELFImage(bytes: bytes, path: path) else { return "the file" }
    if offset < 64 { return "the ELF header" }
    if let found = elf.sections.first(where: {
      $0.type != 8 && $0.size > 0 && ($0.offset..<$0.offset + $0.size).contains(offset)
    }) {
      return found.name.isEmpty ? "an unnamed section" : found.name
    }
    let phoff = Int(elf.u64(32)), shoff = Int(elf.u64(40))
    if (phoff..<phoff + 56 * Int(elf.u16(56))).contains(offset) { return "the program headers" }
    if (shoff..<shoff + 64 * Int(elf.u16(60))).contains(offset) { return "the section headers" }
    return "padding between sections"
  }
}

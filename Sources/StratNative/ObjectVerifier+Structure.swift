import StratABI

extension ObjectVerifier {
  /// The object's bytes, read once (a regular file, at most `ELFImage.maxBytes`).
  static func readObject(_ path: String) throws(ObjectRefusal) -> [UInt8] {
    do {
      return try BoundedFile.read(path: path, limit: ELFImage.maxBytes).bytes
    } catch {
      switch error {
      case .missing:
        throw .unreadable(path: path, reason: "no such file")
      case .unreadable(let reason):
        throw .unreadable(path: path, reason: reason)
      case .notRegular:
        throw .unreadable(path: path, reason: "not a regular file")
      case .tooLarge(let size):
        throw .notELF(path: path, why: "\(size) bytes is too large for a strategy object")
      }
    }
  }

  /// The signature file's bytes, or nil when there is none.
  static func readSignature(_ path: String) throws(ObjectRefusal) -> [UInt8]? {
    do {
      return try BoundedFile.read(path: path, limit: ObjectSignature.maxBytes).bytes
    } catch {
      switch error {
      case .missing:
        return nil
      case .unreadable(let reason):
        throw .unreadable(path: path, reason: reason)
      case .notRegular:
        throw .signatureMalformed(signaturePath: path, why: "not a regular file")
      case .tooLarge(let size):
        throw .signatureMalformed(
          signaturePath: path,
          why: "\(size) bytes is too large for a signature"
        )
      }
    }
  }

  /// The ELF shape, the metadata and the ABI, each with its own refusal, then every check of
  /// `ObjectImage.validate` (what the loader reads, the descriptor repeating the metadata).
  static func validate(_ bytes: [UInt8], path: String) throws(ObjectRefusal) -> ObjectImage {
    let elf: ELFImage
    do {
      elf = try ELFImage(bytes: bytes, path: path)
    } catch {
      switch error {
      case .notStratcObject(_, let why): throw .notELF(path: path, why: why)
      case .truncated(_, let size): throw .truncated(path: path, size: size)
      default: throw .invalid(error)
      }
    }
    guard let section = elf.section(named: ObjectMetadata.sectionName) else {
      throw .metadataMissing(path: path)
    }
    guard
      let metadata = ObjectMetadata(
        sectionText: String(decoding: section.prefix { $0 != 0 }, as: UTF8.self)
      )
    else {
      throw .metadataMalformed(
        path: path,
        why:
          "it is not `stratc object` and the keys abi, name, compiler, source_hash, code_hash, cpu"
      )
    }
    guard metadata.abiVersion == ObjectMetadata.abiVersion else {
      throw .abiMismatch(
        path: path,
        found: metadata.abiVersion,
        expected: ObjectMetadata.abiVersion
      )
    }
    if let why = malformation(of: metadata) { throw .metadataMalformed(path: path, why: why) }
    do {
      return try ObjectImage.validate(bytes: bytes, path: path)
    } catch {
      throw .invalid(error)
    }
  }

  /// What is wrong with metadata that parsed, or nil: a name that is an identifier, hashes that
  /// are SHA-256 digests, a compiler and a CPU.
  static func malformation(of metadata: ObjectMetadata) -> String? {
    let identifier = metadata.name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isAlphanumeric($0) }
    if metadata.name.isEmpty || !identifier {
      return "the strategy name `\(metadata.name.prefix(40))` is not an identifier"
    }
    for (what, hash) in [("source_hash", metadata.sourceHash), ("code_hash", metadata.codeHash)]
    where !Hex.isLowercase(hash, digits: 64) {
      return "\(what) `\(hash.prefix(70))` is not 64 lowercase hex digits"
    }
    if metadata.compiler.isEmpty { return "compiler is empty" }
    if metadata.cpu.isEmpty { return "cpu is empty" }
    return nil
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x41...0x5a).contains(byte) || (0x61...0x7a).contains(byte)
  }
}

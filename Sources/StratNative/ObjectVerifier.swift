import StratABI

/// The checks the live engine runs on a strategy object before it may load it, in order:
///
///     NAME.so ──read once──▶ ELF shape ──▶ .stratc metadata ──▶ ABI ──▶ ObjectImage.validate
///       (regular file,        (notELF,      (metadataMissing,  (abi-     (loader tables,
///        ≤ 256 MiB)            truncated)    metadataMalformed) Mismatch) descriptor = metadata)
///                                                                              │
///              pinned source / code hashes, when the caller gives them (hashMismatch)
///                                                                              │
///     NAME.so.sig ──read──▶ parse ──▶ key id configured? ──▶ MAC (constant time) ──▶ SHA-256 of
///       (absent: unsigned,   (signature-  (unknownKey)        (badSignature)       NAME.so's bytes
///        allowed or not)      Malformed)                                           (hashMismatch)
///
/// It never loads anything: a `VerifiedObject` is the only way to a `dlopen` here, and it maps
/// the very bytes that were checked. No check traps on a hostile file (the `object` fuzz
/// harness runs this too). A present signature is always checked, even when unsigned objects
/// are allowed. Stateless and `Sendable`: call it from any thread (the engine: off the hot one).
public struct ObjectVerifier: Sendable {
  /// The keys whose signatures are accepted (the engine's configured key, or a rotation's two).
  public let keys: [SigningKey]
  /// True to accept an object with no signature file beside it.
  public let allowUnsigned: Bool

  public init(keys: [SigningKey], allowUnsigned: Bool = false) {
    self.keys = keys
    self.allowUnsigned = allowUnsigned
  }

  /// Reads the object at `path` and its signature `path.sig`, and checks both.
  public func verify(
    path: String,
    expecting expected: StrategyObject.Expectation = .init()
  ) throws(ObjectRefusal) -> VerifiedObject {
    let object = try Self.readObject(path)
    let signaturePath = ObjectSignature.path(forObject: path)
    return try verify(
      object: object,
      path: path,
      signature: try Self.readSignature(signaturePath),
      signaturePath: signaturePath,
      expecting: expected
    )
  }

  /// Checks an object's bytes and its signature file's bytes (nil: there is none).
  public func verify(
    object bytes: [UInt8],
    path: String,
    signature: [UInt8]?,
    signaturePath: String,
    expecting expected: StrategyObject.Expectation = .init()
  ) throws(ObjectRefusal) -> VerifiedObject {
    let image = try Self.validate(bytes, path: path)
    if let hash = expected.sourceHash, hash != image.metadata.sourceHash {
      throw .hashMismatch(
        path: path,
        what: "source",
        found: image.metadata.sourceHash,
        expected: hash
      )
    }
    if let hash = expected.codeHash, hash != image.metadata.codeHash {
      throw .hashMismatch(path: path, what: "code", found: image.metadata.codeHash, expected: hash)
    }
    let signedBy = try checkSignature(
      signature,
      signing: image.sha256,
      path: path,
      signaturePath: signaturePath
    )
    return VerifiedObject(image: image, signedBy: signedBy)
  }

  /// The signature checks alone, for any file whose SHA-256 is `sha256` (an object, or a
  /// `.strat` the engine compiles itself): the id of the key that signed it, nil when there is
  /// no signature and unsigned files are allowed, or the refusal.
  public func checkSignature(
    _ signature: [UInt8]?,
    signing sha256: String,
    path: String,
    signaturePath: String
  ) throws(ObjectRefusal) -> String? {
    guard let bytes = signature else {
      guard allowUnsigned else { throw .unsigned(path: path, signaturePath: signaturePath) }
      return nil
    }
    let signature: ObjectSignature
    do {
      signature = try ObjectSignature(parsing: bytes)
    } catch {
      throw .signatureMalformed(signaturePath: signaturePath, why: error.why)
    }
    guard let key = keys.first(where: { $0.id == signature.keyID }) else {
      throw .unknownKey(path: path, keyID: signature.keyID, configured: keys.map(\.id))
    }
    guard signature.isMade(by: key) else { throw .badSignature(path: path, keyID: key.id) }
    guard signature.objectSHA256 == sha256 else {
      throw .hashMismatch(
        path: path,
        what: "object",
        found: sha256,
        expected: signature.objectSHA256
      )
    }
    return key.id
  }
}

/// An object that passed every check of `ObjectVerifier`; only it can be loaded from here.
public struct VerifiedObject: Sendable {
  /// The checked bytes, metadata and descriptor.
  public let image: ObjectImage
  /// The id of the key that signed it; nil when it was accepted unsigned.
  public let signedBy: String?

  public var metadata: ObjectMetadata { image.metadata }

  /// Maps the checked bytes (a sealed memfd) and reads the descriptor. Runs the object's code
  /// (its constructor), so call it off the hot thread; the descriptor must repeat the metadata.
  public func load() throws(ObjectRefusal) -> NativeCode {
    do {
      return try StrategyObject.load(image)
    } catch {
      throw .invalid(error)
    }
  }
}

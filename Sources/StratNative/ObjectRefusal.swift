import StratABI

/// Why `ObjectVerifier` refused an object before loading it: each case names the file and says
/// why, in words an operator can act on. `id` is stable (logs, metrics, tests).
public enum ObjectRefusal: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  /// Not an ELF shared object for this machine (too short, other magic, class or machine).
  case notELF(path: String, why: String)
  /// The ELF tables reach past the end of the file.
  case truncated(path: String, size: Int)
  case abiMismatch(path: String, found: Int, expected: Int)
  /// An ELF shared object without a `.stratc` section: not built by `stratc build`.
  case metadataMissing(path: String)
  /// A `.stratc` section that is not well-formed stratc metadata.
  case metadataMalformed(path: String, why: String)
  /// `what` ("object", "source" or "code") hashes to `found`, not to the `expected` the
  /// signature or the configuration records.
  case hashMismatch(path: String, what: String, found: String, expected: String)
  /// Any other check of `ObjectImage.validate` (loader tables, descriptor), or a failed load.
  case invalid(ObjectError)
  /// No signature beside the object, and unsigned objects are not allowed.
  case unsigned(path: String, signaturePath: String)
  case signatureMalformed(signaturePath: String, why: String)
  /// Signed by a key that is not configured.
  case unknownKey(path: String, keyID: String, configured: [String])
  /// The MAC is not the configured key's: the signature or the object was altered.
  case badSignature(path: String, keyID: String)

  public var id: String {
    switch self {
    case .unreadable: "object.unreadable"
    case .notELF: "object.foreign"
    case .truncated: "object.truncated"
    case .abiMismatch: "object.abi-version"
    case .metadataMissing: "object.metadata-missing"
    case .metadataMalformed: "object.metadata-malformed"
    case .hashMismatch: "object.hash-mismatch"
    case .invalid(let error): error.id
    case .unsigned: "object.unsigned"
    case .signatureMalformed: "object.signature-malformed"
    case .unknownKey: "object.unknown-key"
    case .badSignature: "object.bad-signature"
    }
  }

  /// The file the refusal is about (the signature's, for a malformed signature).
  public var path: String {
    switch self {
    case .unreadable(let path, _), .notELF(let path, _), .truncated(let path, _),
      .abiMismatch(let path, _, _),
      .metadataMissing(let path), .metadataMalformed(let path, _), .hashMismatch(let path, _, _, _),
      .unsigned(let path, _), .unknownKey(let path, _, _), .badSignature(let path, _):
      path
    case .signatureMalformed(let path, _): path
    case .invalid(let error): error.location?.path ?? Self.path(of: error)
    }
  }

  /// What is wrong and what to do, without the path (`description` puts it first).
  public var message: String {
    switch self {
    case .unreadable(_, let reason): "cannot read the object: \(reason)"
    case .notELF(_, let why): "not a stratc object: \(why)"
    case .truncated(_, let size): "truncated: its ELF tables reach past its \(size) bytes"
    case .abiMismatch(_, let found, let expected):
      "built for stratc ABI version \(found); this engine loads version \(expected): rebuild it with `stratc build`"
    case .metadataMissing:
      "no \(ObjectMetadata.sectionName) section: it was not built by `stratc build`"
    case .metadataMalformed(_, let why):
      "its \(ObjectMetadata.sectionName) metadata is malformed: \(why)"
    case .hashMismatch(_, "object", let found, let expected):
      "its SHA-256 is \(found.prefix(16))…, but its signature signs \(expected.prefix(16))…: "
        + "it was altered after signing, or the .sig belongs to another object"
    case .hashMismatch(_, let what, let found, let expected):
      "its \(what) hash is \(found.prefix(16))…, not the \(expected.prefix(16))… the configuration expects"
    case .invalid(let error): error.message
    case .unsigned(_, let signaturePath):
      "not signed (there is no \(signaturePath)) and unsigned objects are not allowed: build it with `stratc build --sign KEYFILE`"
    case .signatureMalformed(_, let why): "not a stratc signature: \(why)"
    case .unknownKey(_, let keyID, let configured):
      "signed by key \(keyID), which is not configured here (configured: "
        + (configured.isEmpty ? "none" : configured.joined(separator: ", ")) + ")"
    case .badSignature(_, let keyID):
      "its signature does not verify with key \(keyID): the signature or the object was altered, or forged"
    }
  }

  /// `path: message` (an `ObjectError` keeps its own form, which may name a byte offset).
  public var description: String {
    if case .invalid(let error) = self { return error.description }
    return "\(path): \(message)"
  }

  /// The path of an `ObjectError` that carries no location.
  private static func path(of error: ObjectError) -> String {
    switch error {
    case .unreadable(let path), .notStratcObject(let path, _), .truncated(let path, _),
      .abiVersion(let path, _, _),
      .mismatch(let path, _, _, _), .foreignCPU(let path, _), .hash(let path, _, _),
      .dlopen(let path, _),
      .descriptor(let path, _, _), .inconsistent(let path, _), .malformed(let path, _, _),
      .forbidden(let path, _, _), .differs(let path, _, _, _):
      path
    }
  }
}

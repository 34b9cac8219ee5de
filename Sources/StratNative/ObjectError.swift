import StratABI

/// Why an object was refused; each message names the file, where in it, and what to do.
public enum ObjectError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case notStratcObject(path: String, why: String)
  case truncated(path: String, size: Int)
  /// What the system loader would crash or abort on, at a byte offset of the file.
  case malformed(path: String, offset: Int, what: String)
  /// What `stratc build` never writes (constructors, other libraries, an interpreter …).
  case forbidden(path: String, offset: Int, what: String)
  case abiVersion(path: String, found: Int, expected: Int)
  case mismatch(path: String, what: String, object: String, expected: String)
  /// The object's bytes differ from the caller's rebuild of the source, first at `offset`.
  case differs(path: String, offset: Int, section: String, cpu: String)
  /// The object records a CPU this machine cannot build for, so it cannot be compared.
  case foreignCPU(path: String, cpu: String)
  /// The SHA-256 of the object's bytes is not the one expected.
  case hash(path: String, found: String, expected: String)
  case dlopen(path: String, message: String)
  /// The descriptor is invalid; `offset` locates the fault when it was read from the file.
  case descriptor(path: String, offset: Int?, NativeCodeError)
  /// The descriptor does not repeat the `.stratc` metadata (read from the file, or once loaded).
  case inconsistent(path: String, loaded: Bool)

  /// A stable id for diagnostics.
  public var id: String {
    switch self {
    case .unreadable: "object.unreadable"
    case .notStratcObject: "object.foreign"
    case .truncated: "object.truncated"
    case .malformed: "object.malformed"
    case .forbidden: "object.forbidden"
    case .abiVersion: "object.abi-version"
    case .mismatch: "object.mismatch"
    case .differs: "object.differs"
    case .foreignCPU: "object.cpu"
    case .hash: "object.hash"
    case .dlopen: "object.dlopen"
    case .descriptor: "object.descriptor"
    case .inconsistent: "object.inconsistent"
    }
  }

  /// The file and byte offset the refusal is about, when it is about one place in the file.
  public var location: (path: String, byteOffset: Int)? {
    switch self {
    case .malformed(let path, let offset, _), .forbidden(let path, let offset, _),
      .differs(let path, let offset, _, _):
      (path, offset)
    case .descriptor(let path, let offset?, _): (path, offset)
    default: nil
    }
  }

  /// The message without its location (a diagnostic carries `location` apart).
  public var message: String {
    switch self {
    case .malformed(_, let offset, let what):
      "\(what) (at 0x\(String(offset, radix: 16))); the system loader would crash or abort on this object, so it is refused before loading"
    case .forbidden(_, let offset, let what):
      "\(what) (at 0x\(String(offset, radix: 16))); it is refused before any of its code can run"
    case .differs(_, let offset, let section, let cpu):
      "the object is not what this stratc builds from this source for CPU \(cpu): the bytes first differ at 0x\(String(offset, radix: 16)) "
        + "(in \(section)); it was altered, or another compiler built it: rebuild it with `stratc build`"
    case .descriptor(_, let offset?, let error): "\(error) (at 0x\(String(offset, radix: 16)))"
    default: description
    }
  }

  public var description: String {
    switch self {
    case .malformed, .forbidden, .differs, .descriptor(_, _?, _):
      "\(location!.path):@\(location!.byteOffset): \(message)"
    case .unreadable(let path): "\(path): cannot read the file"
    case .notStratcObject(let path, let why): "\(path) is not a stratc object: \(why)"
    case .truncated(let path, let size):
      "\(path) is truncated or corrupt: its ELF tables reach past its \(size) bytes"
    case .abiVersion(let path, let found, let expected):
      "\(path) was built for stratc ABI version \(found); this stratc loads version \(expected): rebuild it with `stratc build`"
    case .mismatch(let path, let what, let object, let expected):
      "\(path) was built from other \(what) than this strategy's (object \(what) hash \(object.prefix(16))…, "
        + "expected \(expected.prefix(16))…): "
        + (what == "source"
          ? "rebuild it from this file with `stratc build`"
          : "a parameter that sizes a window differs, or another compiler built it; rebuild it with `stratc build` and the same --param values")
    case .foreignCPU(let path, let cpu):
      "\(path) was built for CPU \(cpu), which this machine cannot build for, so it cannot be checked against its source: "
        + "rebuild it here with `stratc build` (--cpu generic runs everywhere)"
    case .hash(let path, let found, let expected):
      "\(path): its SHA-256 is \(found), not the expected \(expected): it is not the object that was signed"
    case .dlopen(let path, let message): "\(path) could not be loaded: \(message)"
    case .descriptor(let path, _, let error): "\(path): \(error)"
    case .inconsistent(let path, let loaded):
      loaded
        ? "\(path): the loaded code's descriptor does not repeat the object's metadata"
        : "\(path): its descriptor does not repeat its \(ObjectMetadata.sectionName) metadata: the object contradicts itself"
    }
  }
}

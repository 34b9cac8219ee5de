import Foundation

/// Loads a shared object built by `stratc build` (AOT) as `NativeCode`, refusing anything else
/// before it runs: the file is checked as ELF (whole, for this machine) and its `.stratc`
/// metadata read and compared with what the caller expects, and only then `dlopen`ed. After
/// loading, the descriptor must repeat the section's metadata.
public enum StrategyObject {
  /// What the object must have been built from; nil fields are not checked.
  public struct Expectation: Sendable {
    /// SHA-256 of the .strat source the caller holds.
    public var sourceHash: String?
    /// `IRModule.codeHash` of the caller's compile of that source.
    public var codeHash: String?

    public init(sourceHash: String? = nil, codeHash: String? = nil) {
      self.sourceHash = sourceHash
      self.codeHash = codeHash
    }
  }

  /// The object's metadata, read without loading it.
  public static func metadata(path: String) throws(ObjectError) -> ObjectMetadata {
    try metadata(of: ELFImage(path: path), path: path)
  }

  /// The metadata of an object's bytes (`path` names it in errors).
  public static func metadata(bytes: [UInt8], path: String) throws(ObjectError) -> ObjectMetadata {
    try metadata(of: ELFImage(bytes: bytes, path: path), path: path)
  }

  private static func metadata(of image: ELFImage, path: String) throws(ObjectError) -> ObjectMetadata {
    guard let section = image.section(named: ObjectMetadata.sectionName) else {
      throw .notStratcObject(path: path, why: "it has no \(ObjectMetadata.sectionName) section")
    }
    guard let metadata = ObjectMetadata(sectionText: String(decoding: section.prefix { $0 != 0 }, as: UTF8.self)) else {
      throw .notStratcObject(path: path, why: "its \(ObjectMetadata.sectionName) section is not stratc metadata")
    }
    return metadata
  }

  /// Checks and loads the object at `path`.
  public static func load(path: String, expecting expected: Expectation = Expectation()) throws(ObjectError) -> NativeCode {
    let metadata = try metadata(path: path)
    guard metadata.abiVersion == ObjectMetadata.abiVersion else {
      throw .abiVersion(path: path, found: metadata.abiVersion, expected: ObjectMetadata.abiVersion)
    }
    if let hash = expected.sourceHash, hash != metadata.sourceHash {
      throw .mismatch(path: path, what: "source", object: metadata.sourceHash, expected: hash)
    }
    if let hash = expected.codeHash, hash != metadata.codeHash {
      throw .mismatch(path: path, what: "code", object: metadata.codeHash, expected: hash)
    }
    let library = try DynamicLibrary(path: path)
    guard let entry = dlsym(library.handle, ObjectMetadata.entrySymbol) else {
      throw .notStratcObject(path: path, why: "it does not export \(ObjectMetadata.entrySymbol)")
    }
    let code: NativeCode
    do {
      code = try NativeCode(entry: UnsafeRawPointer(entry), owner: library)
    } catch {
      throw .descriptor(path: path, error)
    }
    guard code.metadata == metadata else { throw .inconsistent(path: path) }
    return code
  }
}

/// A `dlopen` handle, closed when the last `NativeCode` using it goes away (so no executor can
/// still be inside its code).
final class DynamicLibrary {
  let handle: UnsafeMutableRawPointer

  init(path: String) throws(ObjectError) {
    // An absolute path keeps dlopen from searching the library path for a bare name.
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    guard let handle = dlopen(absolute, RTLD_NOW | RTLD_LOCAL) else {
      throw .dlopen(path: path, message: dlerror().map { String(cString: $0) } ?? "unknown error")
    }
    self.handle = handle
  }

  deinit { dlclose(handle) }
}

/// Why an object was refused; each message names the file and what to do.
public enum ObjectError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String)
  case notStratcObject(path: String, why: String)
  case truncated(path: String, size: Int)
  case abiVersion(path: String, found: Int, expected: Int)
  case mismatch(path: String, what: String, object: String, expected: String)
  case dlopen(path: String, message: String)
  case descriptor(path: String, NativeCodeError)
  case inconsistent(path: String)

  /// A stable id for diagnostics.
  public var id: String {
    switch self {
    case .unreadable: "object.unreadable"
    case .notStratcObject: "object.foreign"
    case .truncated: "object.truncated"
    case .abiVersion: "object.abi-version"
    case .mismatch: "object.mismatch"
    case .dlopen: "object.dlopen"
    case .descriptor: "object.descriptor"
    case .inconsistent: "object.inconsistent"
    }
  }

  public var description: String {
    switch self {
    case .unreadable(let path): "\(path): cannot read the file"
    case .notStratcObject(let path, let why): "\(path) is not a stratc object: \(why)"
    case .truncated(let path, let size):
      "\(path) is truncated or corrupt: its ELF tables reach past its \(size) bytes"
    case .abiVersion(let path, let found, let expected):
      "\(path) was built for stratc ABI version \(found); this stratc loads version \(expected): rebuild it with `stratc build`"
    case .mismatch(let path, let what, let object, let expected):
      "\(path) was built from other \(what) than this strategy's (object \(what) hash \(object.prefix(16))…, "
        + "expected \(expected.prefix(16))…): "
        + (what == "source" ? "rebuild it from this file with `stratc build`"
          : "a parameter that sizes a window differs, or another compiler built it; rebuild it with `stratc build` and the same --param values")
    case .dlopen(let path, let message): "\(path) could not be loaded: \(message)"
    case .descriptor(let path, let error): "\(path): \(error)"
    case .inconsistent(let path):
      "\(path): the loaded code's descriptor does not repeat the object's metadata (was another file loaded from this path earlier in this process?)"
    }
  }
}

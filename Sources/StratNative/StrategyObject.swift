import Foundation
import StratABI

/// Loads a shared object built by `stratc build` (AOT) as `NativeCode`, refusing anything else
/// before it runs: the file is read once into memory and validated there (`ObjectImage`), its
/// metadata compared with what the caller expects, and only then are those same bytes mapped
/// (`MemoryFile`: a sealed memfd, never the path again). After loading, the descriptor must
/// repeat the section's metadata.
public enum StrategyObject {
  /// What the object must have been built from; nil fields are not checked.
  public struct Expectation: Sendable {
    /// SHA-256 of the .strat source the caller holds.
    public var sourceHash: String?
    /// `IRModule.codeHash` of the caller's compile of that source.
    public var codeHash: String?
    /// SHA-256 of the whole object file, as signed by whoever built it.
    public var sha256: String?
    /// The caller's own build of that source for the object's CPU: the object must equal it.
    public var rebuild: [UInt8]?

    public init(sourceHash: String? = nil, codeHash: String? = nil, sha256: String? = nil, rebuild: [UInt8]? = nil) {
      self.sourceHash = sourceHash
      self.codeHash = codeHash
      self.sha256 = sha256
      self.rebuild = rebuild
    }
  }

  /// The object's metadata, read without loading it.
  public static func metadata(path: String) throws(ObjectError) -> ObjectMetadata {
    try ObjectImage.read(path: path).metadata
  }

  /// The metadata of an object's bytes (`path` names it in errors).
  public static func metadata(bytes: [UInt8], path: String) throws(ObjectError) -> ObjectMetadata {
    try ObjectImage.validate(bytes: bytes, path: path).metadata
  }

  /// Reads, checks and loads the object at `path`.
  public static func load(path: String, expecting expected: Expectation = Expectation()) throws(ObjectError) -> NativeCode {
    let image = try ObjectImage.read(path: path)
    try image.check(expected)
    return try load(image)
  }

  /// Loads a validated image from its own bytes.
  public static func load(_ image: ObjectImage) throws(ObjectError) -> NativeCode {
    let library = try DynamicLibrary(image)
    guard let entry = dlsym(library.handle, ObjectMetadata.entrySymbol) else {
      throw .notStratcObject(path: image.path, why: "it does not export \(ObjectMetadata.entrySymbol)")
    }
    let code: NativeCode
    do {
      code = try NativeCode(entry: UnsafeRawPointer(entry), owner: library, objectSHA256: image.sha256)
    } catch {
      throw .descriptor(path: image.path, offset: nil, error)
    }
    guard code.metadata == image.metadata else { throw .inconsistent(path: image.path, loaded: true) }
    return code
  }
}

/// A `dlopen` handle of an image's bytes, closed when the last `NativeCode` using it goes away
/// (so no executor can still be inside its code). The memory file stays open as long as the
/// handle: its /proc/self/fd name cannot be reused by another object while this one is loaded
/// (the loader would take the name for this library).
final class DynamicLibrary {
  let handle: UnsafeMutableRawPointer
  private let file: MemoryFile

  init(_ image: ObjectImage) throws(ObjectError) {
    file = try MemoryFile(image)
    guard let handle = dlopen(file.path, RTLD_NOW | RTLD_LOCAL) else {
      throw .dlopen(path: image.path, message: dlerror().map { String(cString: $0) } ?? "unknown error")
    }
    self.handle = handle
  }

  deinit { dlclose(handle) }
}

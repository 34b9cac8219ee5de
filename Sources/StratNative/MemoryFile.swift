import Foundation
import StratABI

/// An image's bytes in a file no one else can change, for `dlopen` to map: on Linux an
/// anonymous memfd, sealed against writes, shrinking and growing, then read back and hashed
/// again, so the bytes mapped are the bytes validated (no window between check and use, and
/// the path the user named is never opened twice). Without memfd_create, a private 0600 file
/// in a fresh 0700 directory, read back the same way.
final class MemoryFile {
  /// What `dlopen` opens: /proc/self/fd/N, or the private file.
  let path: String
  private let descriptor: Int32
  private let scratch: String?

  // memfd_create(2) and its constants: Swift's Glibc module does not import them.
  private typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32
  private static let memfdCreate: MemfdCreate? = dlsym(
    UnsafeMutableRawPointer(bitPattern: 0),
    "memfd_create"
  )
  .map { unsafeBitCast($0, to: MemfdCreate.self) }
  private static let (cloexec, allowSealing): (UInt32, UInt32) = (1, 2)
  private static let addSeals: Int32 = 1033  // F_LINUX_SPECIFIC_BASE + 9
  private static let allSeals: Int32 = 1 | 2 | 4 | 8  // F_SEAL_SEAL, SHRINK, GROW, WRITE

  init(_ image: ObjectImage) throws(ObjectError) {
    if let create = Self.memfdCreate {
      descriptor = create("stratc-object", Self.cloexec | Self.allowSealing)
      scratch = nil
      path = "/proc/self/fd/\(descriptor)"
    } else {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "stratc-load-\(UUID().uuidString)"
      ).path
      mkdir(directory, 0o700)
      descriptor = open(directory + "/object.so", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      scratch = directory
      path = directory + "/object.so"
    }
    guard descriptor >= 0 else {
      throw .dlopen(
        path: image.path,
        message: "cannot create a memory file: \(String(cString: strerror(errno)))"
      )
    }
    try write(image)
  }

  private func write(_ image: ObjectImage) throws(ObjectError) {
    let written = image.bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    guard written == image.bytes.count else {
      throw .dlopen(path: image.path, message: "cannot write the memory file")
    }
    if scratch == nil, fcntl(descriptor, Self.addSeals, Self.allSeals) != 0 {
      throw .dlopen(
        path: image.path,
        message: "cannot seal the memory file: \(String(cString: strerror(errno)))"
      )
    }
    var back = [UInt8](repeating: 0, count: image.bytes.count + 1)
    let read = back.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard read == image.bytes.count, SHA256.hex(back.prefix(read)) == image.sha256 else {
      throw .hash(
        path: image.path,
        found: SHA256.hex(back.prefix(max(read, 0))),
        expected: image.sha256
      )
    }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
    if let scratch {
      unlink(scratch + "/object.so")
      rmdir(scratch)
    }
  }
}

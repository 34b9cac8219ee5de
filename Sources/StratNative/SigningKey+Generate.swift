import Foundation

extension SigningKey {
  /// Makes a key from 32 bytes of /dev/urandom and writes it to `path` with mode 0600, never
  /// over an existing file unless `replacing` (then atomically: a private file, renamed).
  public static func generate(path: String, replacing: Bool = false) throws(SigningKeyError)
    -> SigningKey
  {
    let key = SigningKey(bytes: try randomBytes(byteCount))
    if replacing {
      let staging = stagingPath(for: path)
      try write(key, to: staging, as: path)
      guard rename(staging, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(staging)
        throw .cannotWrite(path: path, reason: reason)
      }
    } else {
      try write(key, to: path, as: path)
    }
    return key
  }

  /// Creates `file` (O_EXCL, 0600 whatever the umask) holding the key; `path` names it in errors.
  private static func write(_ key: SigningKey, to file: String, as path: String)
    throws(SigningKeyError)
  {
    let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else {
      throw errno == EEXIST
        ? .exists(path: path) : .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    let text = Array(key.fileText.utf8)
    let written = text.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
    guard fchmod(descriptor, 0o600) == 0, written == text.count, fsync(descriptor) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(file)
      throw .cannotWrite(path: path, reason: written == text.count ? reason : "short write")
    }
  }

  private static func stagingPath(for path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return (folder.isEmpty ? "." : folder) + "/.stratc-key-\(UUID().uuidString)"
  }

  private static func randomBytes(_ count: Int) throws(SigningKeyError) -> [UInt8] {
    let descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .noRandomness(reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
      let got = bytes.withUnsafeMutableBytes {
        Glibc.read(descriptor, $0.baseAddress! + filled, count - filled)
      }
      if got < 0, errno == EINTR { continue }
      guard got > 0 else {
        throw .noRandomness(reason: got == 0 ? "end of file" : String(cString: strerror(errno)))
      }
      filled += got
    }
    return bytes
  }
}

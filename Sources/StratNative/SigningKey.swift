import Foundation
import StratABI

/// A local HMAC-SHA256 key that signs strategy objects (`stratc build --sign`) and that the live
/// engine verifies them with. Its file is 64 hex digits and a newline, mode 0600: a key anyone
/// else on the machine can read signs for them too, so such a file is refused.
public struct SigningKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The first 8 bytes of SHA-256(key), as 16 hex digits: names the key in signatures and logs
  /// without revealing it.
  public let id: String
  /// The secret; never printed.
  package let bytes: [UInt8]

  /// Key bytes as generated (32 bytes from /dev/urandom).
  public static let byteCount = 32

  public init(bytes: [UInt8]) {
    self.bytes = bytes
    id = Hex.encode(SHA256.digest(bytes).prefix(8))
  }

  /// Every printed form names the key by its id only: a log line, `dump` or a debugger
  /// printing a verifier must not reveal the secret.
  public var description: String { "key \(id)" }
  public var debugDescription: String { description }
  public var customMirror: Mirror { Mirror(self, children: ["id": id]) }

  /// Reads the key file at `path`, refusing one that group or others may access.
  public static func load(path: String) throws(SigningKeyError) -> SigningKey {
    let file: BoundedFile
    do {
      file = try BoundedFile.read(path: path, limit: 4096)
    } catch {
      switch error {
      case .missing:
        throw .unreadable(path: path, reason: "no such file")
      case .unreadable(let reason):
        throw .unreadable(path: path, reason: reason)
      case .notRegular:
        throw .unreadable(path: path, reason: "not a regular file")
      case .tooLarge(let size):
        throw .malformed(
          path: path,
          offset: 0,
          why: "\(size) bytes is not a key file (64 hex digits)"
        )
      }
    }
    guard file.mode & 0o077 == 0 else { throw .exposed(path: path, mode: file.mode) }
    return try parse(file.bytes, path: path)
  }

  /// The key in a file's text: 64 hex digits, then an optional newline.
  static func parse(_ text: [UInt8], path: String) throws(SigningKeyError) -> SigningKey {
    let digits = text.last == UInt8(ascii: "\n") ? Array(text.dropLast()) : text
    if let bad = digits.firstIndex(where: { !Hex.isDigit($0) }) {
      throw .malformed(
        path: path,
        offset: bad,
        why: "a key file holds only hex digits (found byte 0x\(Hex.encode([digits[bad]])))"
      )
    }
    guard digits.count == 2 * byteCount, let bytes = Hex.decode(digits) else {
      throw .malformed(
        path: path,
        offset: digits.count,
        why: "a key is \(2 * byteCount) hex digits; found \(digits.count)"
      )
    }
    return SigningKey(bytes: bytes)
  }

  /// The file's text for this key.
  var fileText: String { Hex.encode(bytes) + "\n" }
}

/// Why a key file was refused or could not be written; each message names the file.
public enum SigningKeyError: Error, Equatable, CustomStringConvertible {
  case unreadable(path: String, reason: String)
  /// Group or others may access the file (its mode is shown in octal).
  case exposed(path: String, mode: UInt32)
  case malformed(path: String, offset: Int, why: String)
  /// `keygen` replaces a key only when told to: objects signed with it would stop loading.
  case exists(path: String)
  case cannotWrite(path: String, reason: String)
  case noRandomness(reason: String)

  public var id: String {
    switch self {
    case .unreadable: "key.unreadable"
    case .exposed: "key.permissions"
    case .malformed: "key.malformed"
    case .exists: "key.exists"
    case .cannotWrite: "key.write"
    case .noRandomness: "key.random"
    }
  }

  /// The file and, for a malformed key, the byte offset the refusal is about.
  public var location: (path: String, byteOffset: Int?)? {
    switch self {
    case .unreadable(let path, _), .exposed(let path, _), .exists(let path),
      .cannotWrite(let path, _):
      (path, nil)
    case .malformed(let path, let offset, _): (path, offset)
    case .noRandomness: nil
    }
  }

  /// The message without its location.
  public var message: String {
    switch self {
    case .unreadable(_, let reason): "cannot read the key file: \(reason)"
    case .exposed(_, let mode):
      "the key file has mode 0\(String(mode, radix: 8)): group or others may read it, so it is refused; run `chmod 600` on it (and make a new key if others may have read it)"
    case .malformed(_, _, let why): "not a stratc key file: \(why)"
    case .exists:
      "a file is already there; keygen replaces a key only with --force (objects signed with the old key then stop loading)"
    case .cannotWrite(_, let reason): "cannot write the key file: \(reason)"
    case .noRandomness(let reason): "cannot read 32 random bytes from /dev/urandom: \(reason)"
    }
  }

  public var description: String {
    guard let location else { return message }
    return "\(location.path)" + (location.byteOffset.map { ":@\($0)" } ?? "") + ": \(message)"
  }
}

import Glibc

/// The control API's shared secret, read from a file only its owner can read or write.
/// Compared in constant time; never printed.
public struct BearerToken: Sendable, CustomStringConvertible {
  private let secret: [UInt8]

  /// Fewer bytes than this are refused: a short token can be guessed.
  public static let minimumLength = 16
  /// More bytes than this are refused: the file is not a token.
  public static let maximumLength = 1024

  /// A token from its text (tests; `load` is the way for operators). Refused unless it is
  /// `minimumLength` ... `maximumLength` bytes of RFC 6750 token characters.
  public init(_ text: String) throws(StratNetError) {
    let bytes = Array(text.utf8)
    guard bytes.count >= Self.minimumLength, bytes.count <= Self.maximumLength else {
      throw StratNetError(
        id: "net.token.length",
        message: "the token must be \(Self.minimumLength) ... \(Self.maximumLength) bytes long",
        notes: ["found \(bytes.count) bytes"]
      )
    }
    guard bytes.allSatisfy(Self.isTokenByte) else {
      throw StratNetError(
        id: "net.token.characters",
        message: "the token may hold only letters, digits and -._~+/="
      )
    }
    secret = bytes
  }

  /// Reads the token from `path`: a regular file, owned by this user, with no permission for
  /// group or others (0600 or 0400), holding the token and an optional final newline.
  public static func load(path: String) throws(StratNetError) -> BearerToken {
    // O_NONBLOCK: a FIFO in the token's place must not block the start (fstat refuses it).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { throw .errno("net.token.open", "cannot open the token file \(path)") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw .errno("net.token.open", "cannot stat the token file \(path)")
    }
    try checkOwnership(info, path: path)
    var bytes = [UInt8](repeating: 0, count: maximumLength + 2)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count >= 0 else { throw .errno("net.token.open", "cannot read the token file \(path)") }
    var text = bytes[..<count]
    if text.last == 0x0A { text = text.dropLast() }
    if text.last == 0x0D { text = text.dropLast() }
    do { return try BearerToken(String(decoding: text, as: UTF8.self)) } catch {
      throw StratNetError(id: error.id, message: "\(path): \(error.message)", notes: error.notes)
    }
  }

  /// Refuses a file that is not regular, not ours, or open to group or others.
  private static func checkOwnership(_ info: stat, path: String) throws(StratNetError) {
    guard info.st_mode & S_IFMT == S_IFREG else {
      throw StratNetError(
        id: "net.token.not-a-file",
        message: "the token file \(path) is not a regular file"
      )
    }
    guard info.st_uid == geteuid() else {
      throw StratNetError(
        id: "net.token.owner",
        message: "the token file \(path) belongs to another user",
        notes: ["owner uid \(info.st_uid), this process runs as uid \(geteuid())"]
      )
    }
    let mode = info.st_mode & 0o7777
    guard mode & 0o077 == 0 else {
      throw StratNetError(
        id: "net.token.mode",
        message: "the token file \(path) may be read by others (mode \(String(mode, radix: 8)))",
        notes: ["run: chmod 600 \(path)"]
      )
    }
  }

  /// Whether an `Authorization` header value is `Bearer <this token>`. The comparison takes
  /// the same time whatever the candidate holds: every secret byte is compared, with no exit
  /// on the first difference or on a length mismatch.
  public func matches(_ header: String?) -> Bool {
    guard let header else { return false }
    let bytes = Array(header.utf8)
    guard bytes.count > 7, Self.isBearerScheme(bytes) else { return false }
    return Self.constantTimeEqual(secret, bytes[7...])
  }

  /// Compares `secret` with `candidate` in time that depends only on `secret.count`.
  static func constantTimeEqual(_ secret: [UInt8], _ candidate: ArraySlice<UInt8>) -> Bool {
    var difference = UInt(bitPattern: secret.count ^ candidate.count)
    let start = candidate.startIndex
    for index in 0..<secret.count {
      // Wraps inside the candidate so that a shorter one still costs a read per secret byte.
      let byte = candidate.isEmpty ? 0 : candidate[start + index % candidate.count]
      difference |= UInt(secret[index] ^ byte)
    }
    return difference == 0
  }

  /// "Bearer " in any case (RFC 9110: auth schemes are case-insensitive).
  private static func isBearerScheme(_ bytes: [UInt8]) -> Bool {
    Array("bearer".utf8).enumerated().allSatisfy { bytes[$0.offset] | 0x20 == $0.element }
      && bytes[6] == 0x20
  }

  /// b64token characters (RFC 6750 2.1).
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
      UInt8(ascii: "+"),
      UInt8(ascii: "/"), UInt8(ascii: "="):
      true
    default: false
    }
  }

  /// `Authorization: Bearer <token>`, for the client (`strat-engine ctl` loads the same file).
  public var authorizationHeader: HTTPHeader {
    HTTPHeader("Authorization", "Bearer " + String(decoding: secret, as: UTF8.self))
  }

  /// Never the secret.
  public var description: String { "BearerToken(\(secret.count) bytes, redacted)" }
}

import StratABI

/// The detached signature of a strategy object, `NAME.so.sig` beside `NAME.so` (DECISIONS.md,
/// "A signed object carries its signature beside it"): five lines of text,
///
///     stratc signature 1
///     algorithm=hmac-sha256
///     key=<16 hex: the key id>
///     object_sha256=<64 hex: SHA-256 of every byte of the object>
///     mac=<64 hex>
///
/// where `mac` is HMAC-SHA256 under the key of the first four lines exactly as written (newlines
/// included). The MAC covers the algorithm, the key id and the object's hash, so changing a
/// byte of either file is detected, and the object's bytes stay what `cc` linked.
public struct ObjectSignature: Sendable, Equatable {
  public static let firstLine = "stratc signature 1"
  public static let algorithm = "hmac-sha256"
  /// A signature file is about 190 bytes; anything larger is not one.
  static let maxBytes = 1024

  /// The id of the key that made the MAC.
  public let keyID: String
  /// SHA-256 of the object signed, lowercase hex.
  public let objectSHA256: String
  /// The MAC, lowercase hex.
  public let mac: String

  /// The signature's file beside the object at `objectPath`.
  public static func path(forObject objectPath: String) -> String { objectPath + ".sig" }

  /// Signs the object whose SHA-256 is `objectSHA256` with `key`.
  public init(signing objectSHA256: String, with key: SigningKey) {
    keyID = key.id
    self.objectSHA256 = objectSHA256
    mac = Hex.encode(
      HMACSHA256.mac(
        key: key.bytes,
        message: Array(Self.signedText(keyID: key.id, objectSHA256: objectSHA256).utf8)
      )
    )
  }

  /// The lines the MAC covers.
  static func signedText(keyID: String, objectSHA256: String) -> String {
    "\(firstLine)\nalgorithm=\(algorithm)\nkey=\(keyID)\nobject_sha256=\(objectSHA256)\n"
  }

  /// The file's text.
  public var text: String {
    Self.signedText(keyID: keyID, objectSHA256: objectSHA256) + "mac=\(mac)\n"
  }

  /// True when `key` made this MAC (compared in constant time).
  public func isMade(by key: SigningKey) -> Bool {
    let expected = HMACSHA256.mac(
      key: key.bytes,
      message: Array(Self.signedText(keyID: keyID, objectSHA256: objectSHA256).utf8)
    )
    return HMACSHA256.constantTimeEqual(expected, Hex.decode(Array(mac.utf8)) ?? [])
  }

  /// Parses a signature file's bytes; the error says what is wrong with it.
  public init(parsing bytes: [UInt8]) throws(SignatureFormatError) {
    guard bytes.count <= Self.maxBytes else {
      throw SignatureFormatError("\(bytes.count) bytes is too large for a signature")
    }
    guard bytes.last == UInt8(ascii: "\n") else {
      throw SignatureFormatError("it does not end with a newline (cut short?)")
    }
    let lines = bytes.dropLast().split(
      separator: UInt8(ascii: "\n"),
      omittingEmptySubsequences: false
    ).map {
      String(decoding: $0, as: UTF8.self)
    }
    guard lines.first == Self.firstLine else {
      throw SignatureFormatError("its first line is not `\(Self.firstLine)`")
    }
    guard lines.count == 5 else { throw SignatureFormatError("it has \(lines.count) lines, not 5") }
    let algorithm = try Self.value("algorithm", in: lines[1])
    guard algorithm == Self.algorithm else {
      throw SignatureFormatError(
        "its algorithm is `\(algorithm.prefix(40))`; this stratc knows only \(Self.algorithm)"
      )
    }
    keyID = try Self.hexValue("key", in: lines[2], digits: 16)
    objectSHA256 = try Self.hexValue("object_sha256", in: lines[3], digits: 64)
    mac = try Self.hexValue("mac", in: lines[4], digits: 64)
  }

  private static func value(_ key: String, in line: String) throws(SignatureFormatError) -> String {
    guard line.hasPrefix(key + "=") else {
      throw SignatureFormatError("a line `\(key)=` was expected; found `\(line.prefix(40))`")
    }
    return String(line.dropFirst(key.count + 1))
  }

  private static func hexValue(_ key: String, in line: String, digits: Int)
    throws(SignatureFormatError) -> String
  {
    let text = try value(key, in: line)
    guard Hex.isLowercase(text, digits: digits) else {
      throw SignatureFormatError(
        "`\(key)` must be \(digits) lowercase hex digits; found `\(text.prefix(80))`"
      )
    }
    return text
  }
}

/// What is wrong with a signature file's text.
public struct SignatureFormatError: Error, Equatable, Sendable {
  public let why: String
  public init(why: String) { self.why = why }
  init(_ why: String) { self.why = why }
}

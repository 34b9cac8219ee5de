import Foundation
import StratABI
import StratNative
import Testing

/// Key files: generated with mode 0600, never over an existing file unless told, read back to
/// the same key; refused when group or others may read them, or when they are not 64 hex
/// digits. And the signature file's format, parsed strictly.
@Suite struct SigningKeyTests {
  static func folder() throws -> String {
    let folder = temporaryPath("-keys")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  static func write(_ text: String, mode: Int) throws -> String {
    let path = try folder() + "/key"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  @Test func aGeneratedKeyIsPrivateAndReadsBack() throws {
    let path = try Self.folder() + "/strat.key"
    let key = try SigningKey.generate(path: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.count == 65 && text.hasSuffix("\n"))
    #expect(try SigningKey.load(path: path).id == key.id)
    #expect(key.id == String(SHA256.hex(Hex.decode(Array(text.dropLast().utf8))!).prefix(16)))
  }

  @Test func keygenNeverReplacesAKeyUnlessTold() throws {
    let path = try Self.folder() + "/strat.key"
    let first = try SigningKey.generate(path: path)
    #expect(throws: SigningKeyError.exists(path: path)) { try SigningKey.generate(path: path) }
    #expect(try SigningKey.load(path: path).id == first.id)
    let second = try SigningKey.generate(path: path, replacing: true)
    #expect(second.id != first.id)
    #expect(try SigningKey.load(path: path).id == second.id)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test(arguments: [0o644, 0o640, 0o604, 0o660])
  func aKeyFileOthersMayReadIsRefused(_ mode: Int) throws {
    let path = try Self.write(String(repeating: "ab", count: 32) + "\n", mode: mode)
    #expect(throws: SigningKeyError.exposed(path: path, mode: UInt32(mode))) {
      try SigningKey.load(path: path)
    }
    let error = SigningKeyError.exposed(path: path, mode: UInt32(mode))
    #expect(
      error.id == "key.permissions"
        && error.description.hasPrefix("\(path): the key file has mode 0\(String(mode, radix: 8))")
    )
  }

  @Test func aKeyFileThatIsNotAKeyIsRefusedWithItsOffset() throws {
    let notHex = try Self.write(String(repeating: "ab", count: 16) + "zz\n", mode: 0o600)
    #expect(
      throws: SigningKeyError.malformed(
        path: notHex,
        offset: 32,
        why: "a key file holds only hex digits (found byte 0x7a)"
      )
    ) {
      try SigningKey.load(path: notHex)
    }
    let short = try Self.write(String(repeating: "a", count: 63), mode: 0o400)
    #expect(
      throws: SigningKeyError.malformed(
        path: short,
        offset: 63,
        why: "a key is 64 hex digits; found 63"
      )
    ) {
      try SigningKey.load(path: short)
    }
    #expect(throws: SigningKeyError.unreadable(path: "/nonexistent/key", reason: "no such file")) {
      try SigningKey.load(path: "/nonexistent/key")
    }
  }

  @Test func aSignatureRoundTripsThroughItsText() throws {
    let key = SigningKey(bytes: Array(repeating: 7, count: 32))
    let signature = ObjectSignature(signing: String(repeating: "ab", count: 32), with: key)
    #expect(
      signature.text.hasPrefix(
        "stratc signature 1\nalgorithm=hmac-sha256\nkey=\(key.id)\nobject_sha256=abab"
      )
    )
    let parsed = try ObjectSignature(parsing: Array(signature.text.utf8))
    #expect(parsed == signature)
    #expect(parsed.isMade(by: key))
    #expect(!parsed.isMade(by: SigningKey(bytes: Array(repeating: 8, count: 32))))
  }

  @Test func aSignatureFileIsParsedStrictly() {
    let key = SigningKey(bytes: Array(repeating: 7, count: 32))
    let text = ObjectSignature(signing: String(repeating: "ab", count: 32), with: key).text
    let broken: [(String, String)] = [
      (String(text.dropLast()), "it does not end with a newline (cut short?)"),
      (
        text.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5"),
        "its algorithm is `hmac-md5`; this stratc knows only hmac-sha256"
      ),
      (
        text.replacingOccurrences(of: "object_sha256=abab", with: "object_sha256=ABAB"),
        "`object_sha256` must be 64 lowercase hex digits; found `ABAB"
          + String(repeating: "ab", count: 30) + "`"
      ),
      (text + "extra=1\n", "it has 6 lines, not 5"),
      ("stratc signature 2\n", "its first line is not `stratc signature 1`"),
      (String(repeating: "x", count: 2000) + "\n", "2001 bytes is too large for a signature"),
    ]
    for (bytes, why) in broken {
      #expect(throws: SignatureFormatError(why: why)) {
        try ObjectSignature(parsing: Array(bytes.utf8))
      }
    }
  }

  @Test func noPrintedFormRevealsTheKey() {
    let key = SigningKey(bytes: Array(repeating: 0xab, count: 32))
    let secret = String(repeating: "ab", count: 32)
    var dumped = ""
    dump(ObjectVerifier(keys: [key]), to: &dumped)
    for text in [
      String(describing: key), String(reflecting: key),
      String(describing: ObjectVerifier(keys: [key])), dumped,
    ] {
      #expect(!text.contains(secret) && !text.contains("171") && text.contains(key.id), "\(text)")
    }
  }
}

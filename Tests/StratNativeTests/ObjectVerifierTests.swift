import Foundation
import StratABI
import StratLLVM
import StratNative
import Testing

/// `ObjectVerifier` accepts an object signed by a configured key and refuses, with its own
/// refusal, every object or signature that is not that: another key, an altered MAC, no
/// signature, a flipped byte, a cut file, a file that is no ELF object, another object's
/// signature, another ABI, malformed metadata, a FIFO.
@Suite struct ObjectVerifierTests {
  static let key = SigningKey(bytes: Array(0..<32))
  static let otherKey = SigningKey(bytes: Array(32..<64))
  static let pairs = build("pairs")
  static let bollinger = build("bollinger")

  static func build(_ name: String) -> (path: String, bytes: [UInt8]) {
    let path = temporaryPath("-\(name).so")
    let (module, hash) = try! referenceModule(name)
    try! NativeBackend.buildObject(module, sourceHash: hash, cpu: .generic, to: path)
    return (path, [UInt8](try! Data(contentsOf: URL(fileURLWithPath: path))))
  }

  static func signature(_ bytes: [UInt8], _ key: SigningKey = key) -> [UInt8] {
    Array(ObjectSignature(signing: SHA256.hex(bytes), with: key).text.utf8)
  }

  /// The refusal of `bytes` (with `signature`, signed over `bytes` by default) by a verifier of `key`.
  static func refusal(
    _ bytes: [UInt8],
    signature: [UInt8]?? = .none,
    keys: [SigningKey] = [key],
    allowUnsigned: Bool = false,
    expecting expected: StrategyObject.Expectation = .init()
  ) -> ObjectRefusal? {
    let verifier = ObjectVerifier(keys: keys, allowUnsigned: allowUnsigned)
    do {
      _ = try verifier.verify(
        object: bytes,
        path: "x.so",
        signature: signature ?? Self.signature(bytes),
        signaturePath: "x.so.sig",
        expecting: expected
      )
      return nil
    } catch { return error }
  }

  @Test func aSignedObjectVerifiesFromItsFilesAndLoads() throws {
    let folder = temporaryPath("-signed")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/pairs.so"
    try Data(Self.pairs.bytes).write(to: URL(fileURLWithPath: path))
    try Data(Self.signature(Self.pairs.bytes)).write(to: URL(fileURLWithPath: path + ".sig"))
    let verified = try ObjectVerifier(keys: [Self.otherKey, Self.key]).verify(path: path)
    #expect(verified.signedBy == Self.key.id)
    #expect(verified.metadata.name == "pairs")
    #expect(verified.image.sha256 == SHA256.hex(Self.pairs.bytes))
    #expect(try verified.load().objectSHA256 == verified.image.sha256)
  }

  @Test func anObjectSignedByAnotherKeyIsRefusedNamingBothKeys() {
    let refusal = Self.refusal(
      Self.pairs.bytes,
      signature: Self.signature(Self.pairs.bytes, Self.otherKey)
    )
    #expect(
      refusal == .unknownKey(path: "x.so", keyID: Self.otherKey.id, configured: [Self.key.id])
    )
    #expect(
      refusal?.description.hasPrefix(
        "x.so: signed by key \(Self.otherKey.id), which is not configured here"
      ) == true
    )
  }

  @Test func aSignatureWhoseMACOrHashLineWasEditedIsABadSignature() {
    let text = String(decoding: Self.signature(Self.pairs.bytes), as: UTF8.self)
    let macAt = text.range(of: "mac=")!.upperBound
    var editedMAC = text
    editedMAC.replaceSubrange(
      macAt..<text.index(after: macAt),
      with: text[macAt] == "0" ? "1" : "0"
    )
    let otherHash = text.replacingOccurrences(
      of: SHA256.hex(Self.pairs.bytes),
      with: SHA256.hex(Self.bollinger.bytes)
    )
    for edited in [editedMAC, otherHash] {
      #expect(
        Self.refusal(Self.pairs.bytes, signature: Array(edited.utf8))
          == .badSignature(path: "x.so", keyID: Self.key.id)
      )
    }
  }

  @Test func anUnsignedObjectIsRefusedUnlessAllowed() throws {
    #expect(
      Self.refusal(Self.pairs.bytes, signature: .some(nil))
        == .unsigned(path: "x.so", signaturePath: "x.so.sig")
    )
    #expect(Self.refusal(Self.pairs.bytes, signature: .some(nil), allowUnsigned: true) == nil)
    let verified = try ObjectVerifier(keys: [], allowUnsigned: true).verify(
      object: Self.pairs.bytes,
      path: "x.so",
      signature: nil,
      signaturePath: "x.so.sig"
    )
    #expect(verified.signedBy == nil)
    // A signature present is checked even when unsigned objects are allowed.
    let foreign = Self.refusal(
      Self.pairs.bytes,
      signature: Self.signature(Self.pairs.bytes, Self.otherKey),
      allowUnsigned: true
    )
    #expect(foreign?.id == "object.unknown-key")
  }

  @Test func theSignatureOfAnotherObjectIsRefused() {
    let refusal = Self.refusal(Self.pairs.bytes, signature: Self.signature(Self.bollinger.bytes))
    #expect(
      refusal
        == .hashMismatch(
          path: "x.so",
          what: "object",
          found: SHA256.hex(Self.pairs.bytes),
          expected: SHA256.hex(Self.bollinger.bytes)
        )
    )
  }

  @Test func everyFlippedByteIsRefusedAndOneInTheCodeByItsHash() throws {
    let signature = Self.signature(Self.pairs.bytes)
    for offset in stride(from: 0, to: Self.pairs.bytes.count, by: 61) {
      var bytes = Self.pairs.bytes
      bytes[offset] ^= 0x01
      #expect(Self.refusal(bytes, signature: signature) != nil, "byte \(offset)")
    }
    let code = try #require(Self.textOffset(Self.pairs.bytes))
    var bytes = Self.pairs.bytes
    bytes[code] ^= 0x01
    #expect(Self.refusal(bytes, signature: signature)?.id == "object.hash-mismatch")
  }

  /// The first offset of `.text` (a byte no structural check reads).
  static func textOffset(_ bytes: [UInt8]) -> Int? {
    guard let image = try? ObjectImage.validate(bytes: bytes, path: "x.so") else { return nil }
    return (64..<bytes.count).first { image.section(containing: $0) == ".text" }
  }

  @Test(arguments: [0, 3, 63, 64, 200, 1000, 4000, -1])
  func aTruncatedObjectIsRefused(_ cut: Int) {
    let count = cut < 0 ? Self.pairs.bytes.count + cut : cut
    let bytes = Array(Self.pairs.bytes.prefix(count))
    let refusal = Self.refusal(bytes)
    #expect(
      refusal?.id == (count < 64 ? "object.foreign" : "object.truncated"),
      "\(count) bytes: \(String(describing: refusal))"
    )
  }

  @Test func filesThatAreNoStratcObjectAreRefused() throws {
    #expect(
      Self.refusal(Array("not an object\n".utf8)) == .notELF(path: "x.so", why: "not an ELF file")
    )
    let libm = [UInt8](
      try Data(contentsOf: URL(fileURLWithPath: "/usr/lib/x86_64-linux-gnu/libm.so.6"))
    )
    #expect(Self.refusal(libm) == .metadataMissing(path: "x.so"))
  }

  @Test func anotherABIAndMalformedMetadataAreRefused() {
    let abi9 = Self.replacing("\nabi=1\n", with: "\nabi=9\n", in: Self.pairs.bytes)
    #expect(Self.refusal(abi9) == .abiMismatch(path: "x.so", found: 9, expected: 1))
    let badHash = Self.replacing("source_hash=", with: "source_hash=G", in: Self.pairs.bytes)
    #expect(Self.refusal(badHash)?.id == "object.metadata-malformed")
    let noName = Self.replacing("\nname=", with: "\nnone=", in: Self.pairs.bytes)
    #expect(Self.refusal(noName)?.id == "object.metadata-malformed")
  }

  @Test func pinnedSourceAndCodeHashesAreChecked() throws {
    let image = try ObjectImage.validate(bytes: Self.pairs.bytes, path: "x.so")
    let other = String(repeating: "0", count: 64)
    #expect(
      Self.refusal(
        Self.pairs.bytes,
        expecting: .init(sourceHash: image.metadata.sourceHash, codeHash: image.metadata.codeHash)
      ) == nil
    )
    #expect(
      Self.refusal(Self.pairs.bytes, expecting: .init(sourceHash: other))
        == .hashMismatch(
          path: "x.so",
          what: "source",
          found: image.metadata.sourceHash,
          expected: other
        )
    )
    #expect(
      Self.refusal(Self.pairs.bytes, expecting: .init(codeHash: other))?.id
        == "object.hash-mismatch"
    )
  }

  @Test func aMalformedSignatureIsRefusedWithItsReason() {
    let refusal = Self.refusal(Self.pairs.bytes, signature: Array("stratc signature 1\n".utf8))
    #expect(refusal == .signatureMalformed(signaturePath: "x.so.sig", why: "it has 1 lines, not 5"))
  }

  @Test(.timeLimit(.minutes(1))) func aFIFOOrAMissingFileIsRefusedWithoutBlocking() throws {
    let folder = temporaryPath("-fifo")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    #expect(mkfifo(folder + "/pairs.so", 0o600) == 0)
    let verifier = ObjectVerifier(keys: [Self.key])
    #expect(
      throws: ObjectRefusal.unreadable(path: folder + "/pairs.so", reason: "not a regular file")
    ) {
      try verifier.verify(path: folder + "/pairs.so")
    }
    #expect(throws: ObjectRefusal.unreadable(path: folder + "/none.so", reason: "no such file")) {
      try verifier.verify(path: folder + "/none.so")
    }
  }

  /// `bytes` with `new` written over the first `old` (a longer `new` overwrites what follows:
  /// the file keeps its size).
  static func replacing(_ old: String, with new: String, in bytes: [UInt8]) -> [UInt8] {
    let key = Array(old.utf8), value = Array(new.utf8)
    guard
      let at = (0...(bytes.count - key.count)).first(where: {
        Array(bytes[$0..<$0 + key.count]) == key
      })
    else { return bytes }
    var result = bytes
    result.replaceSubrange(at..<at + value.count, with: value)
    return result
  }

  @Test func theSignatureChecksAloneServeAnyFile() throws {
    let source = Array("strategy s\n".utf8)
    let signature = Self.signature(source)
    let verifier = ObjectVerifier(keys: [Self.key])
    let hash = SHA256.hex(source)
    #expect(
      try verifier.checkSignature(
        signature,
        signing: hash,
        path: "s.strat",
        signaturePath: "s.strat.sig"
      ) == Self.key.id
    )
    #expect(throws: ObjectRefusal.unsigned(path: "s.strat", signaturePath: "s.strat.sig")) {
      try verifier.checkSignature(nil, signing: hash, path: "s.strat", signaturePath: "s.strat.sig")
    }
    let other = SHA256.hex(source + [0x20])
    #expect(
      throws: ObjectRefusal.hashMismatch(
        path: "s.strat",
        what: "object",
        found: other,
        expected: hash
      )
    ) {
      try verifier.checkSignature(
        signature,
        signing: other,
        path: "s.strat",
        signaturePath: "s.strat.sig"
      )
    }
  }
}

import Foundation
import StratABI
import StratDiagnostics
import StratNative

/// The stratc side of signed objects: `build --sign` writes NAME.so.sig beside NAME.so (the
/// signature first, then the object, each by rename, so a folder watcher that wakes on the
/// object finds its signature in place), and `inspect` says whether and by whom it is signed.
enum ObjectSigning {
  /// Puts the object built at `built` at `path` (already there when unsigned), with its
  /// signature by `key` first; an unsigned build removes a signature left beside `path` (it
  /// signs other bytes).
  static func install(built: String, at path: String, key: SigningKey?) throws {
    let signaturePath = ObjectSignature.path(forObject: path)
    guard let key else {
      if FileManager.default.fileExists(atPath: signaturePath) {
        try FileManager.default.removeItem(atPath: signaturePath)
      }
      return
    }
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: built)))
    let text = ObjectSignature(signing: SHA256.hex(bytes), with: key).text
    let signatureStaging = built + ".sig"
    try Data(text.utf8).write(to: URL(fileURLWithPath: signatureStaging))
    try move(signatureStaging, to: signaturePath)
    try move(built, to: path)
  }

  /// rename(2): replaces a file, never a folder.
  private static func move(_ from: String, to path: String) throws {
    guard rename(from, path) == 0 else {
      let reason = SystemErrorText.reason(errno: errno)
      unlink(from)
      throw CommandError.diagnostic(
        Diagnostic(id: "io.system", message: "cannot write \(path): \(reason)")
      )
    }
  }

  /// A scratch path beside `path` (same file system, so the final rename is atomic).
  static func stagingPath(for path: String) -> String {
    let folder = (path as NSString).deletingLastPathComponent
    return (folder.isEmpty ? "." : folder) + "/.stratc-build-\(UUID().uuidString).so"
  }

  /// `inspect`'s signature line: what NAME.so.sig says, checked with `key` when one is given.
  static func describe(_ image: ObjectImage, key: SigningKey?) throws -> String {
    let signaturePath = ObjectSignature.path(forObject: image.path)
    if let key {
      let verified = try verify(image.path, key: key)
      return "signature  \(ObjectSignature.algorithm) by key \(verified.signedBy ?? "?"), verified"
    }
    guard let bytes = FileManager.default.contents(atPath: signaturePath) else {
      return "signature  none (no \(signaturePath))"
    }
    guard let signature = try? ObjectSignature(parsing: [UInt8](bytes)) else {
      return "signature  \(signaturePath) is not a stratc signature (--key KEYFILE says why)"
    }
    guard signature.objectSHA256 == image.sha256 else {
      return
        "signature  \(signaturePath) signs another object (sha256 \(signature.objectSHA256.prefix(16))…)"
    }
    return
      "signature  \(ObjectSignature.algorithm) by key \(signature.keyID) (not checked: --key KEYFILE checks it)"
  }

  /// The engine's checks, with unsigned objects refused.
  static func verify(_ path: String, key: SigningKey) throws -> VerifiedObject {
    do {
      return try ObjectVerifier(keys: [key]).verify(path: path)
    } catch {
      throw CommandError.diagnostic(diagnostic(error))
    }
  }

  /// The key file named by `flag`, or a diagnostic naming the file.
  static func loadKey(_ path: String) throws -> SigningKey {
    do {
      return try SigningKey.load(path: path)
    } catch {
      throw CommandError.diagnostic(diagnostic(error))
    }
  }

  static func diagnostic(_ error: SigningKeyError) -> Diagnostic {
    guard let location = error.location else {
      return Diagnostic(id: error.id, message: error.message)
    }
    return Diagnostic(
      id: error.id,
      message: error.message,
      at: DataLocation(path: location.path, byteOffset: location.byteOffset)
    )
  }

  static func diagnostic(_ refusal: ObjectRefusal) -> Diagnostic {
    if case .invalid(let error) = refusal { return Backends.diagnostic(error) }
    return Diagnostic(
      id: refusal.id,
      message: refusal.message,
      at: DataLocation(path: refusal.path)
    )
  }
}

/// A diagnostic a command reports before exiting 1.
enum CommandError: Error {
  case diagnostic(Diagnostic)
}

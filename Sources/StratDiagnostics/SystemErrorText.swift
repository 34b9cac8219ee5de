import Foundation

/// Says in words why the system refused a file operation. Foundation's errors print as
/// `Error Domain=NSCocoaErrorDomain Code=516 …`; users see the operating system's reason
/// ("file exists", "permission denied") instead, found in the error or the one under it.
public enum SystemErrorText {
  public static func describe(_ error: any Error) -> String {
    let ns = error as NSError
    if let code = posixCode(ns) { return reason(errno: code) }
    if let known = cocoaReasons[ns.code], ns.domain == NSCocoaErrorDomain { return known }
    return "the system refused the operation (\(ns.domain) \(ns.code))"
  }

  /// The text of an errno value, starting in lower case so it reads inside a sentence.
  public static func reason(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  private static func posixCode(_ error: NSError) -> Int32? {
    if error.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: error.code) }
    guard let under = error.userInfo[NSUnderlyingErrorKey] as? any Error else { return nil }
    return posixCode(under as NSError)
  }

  /// Foundation's codes for the file operations stratc performs, when no errno came with them.
  private static let cocoaReasons: [Int: String] = [
    CocoaError.fileNoSuchFile.rawValue: "no such file or directory",
    CocoaError.fileReadNoSuchFile.rawValue: "no such file or directory",
    CocoaError.fileReadNoPermission.rawValue: "permission denied",
    CocoaError.fileWriteNoPermission.rawValue: "permission denied",
    CocoaError.fileWriteFileExists.rawValue: "file exists",
    CocoaError.fileWriteOutOfSpace.rawValue: "no space left on device",
    CocoaError.fileWriteVolumeReadOnly.rawValue: "read-only file system",
    CocoaError.fileReadCorruptFile.rawValue: "the file is corrupt",
    CocoaError.fileReadTooLarge.rawValue: "the file is too large",
  ]
}

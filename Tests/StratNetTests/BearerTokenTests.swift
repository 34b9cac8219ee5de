import Foundation
import Glibc
import Testing

@testable import StratNet

/// The token file's checks and the constant-time comparison.
@Suite struct BearerTokenTests {
  let folder: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bearer-\(UUID().uuidString)"
    ).path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func write(_ text: String, mode: mode_t, name: String = "token") -> String {
    let path = "\(folder)/\(name)"
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    chmod(path, mode)
    return path
  }

  func loadError(_ path: String) -> String? {
    do {
      _ = try BearerToken.load(path: path)
      return nil
    } catch { return error.id }
  }

  @Test func a0600FileLoadsAndItsNewlineIsDropped() throws {
    let token = try BearerToken.load(path: write("abcdefghijklmnop-1234\n", mode: 0o600))
    #expect(token.matches("Bearer abcdefghijklmnop-1234"))
    #expect(!token.matches("Bearer abcdefghijklmnop-1234\n"))
    #expect(!"\(token)".contains("abcdefghijklmnop"))
  }

  @Test func a0400FileLoads() throws {
    #expect(loadError(write("abcdefghijklmnop-1234", mode: 0o400)) == nil)
  }

  @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666, 0o601] as [mode_t])
  func aFileOthersCanReachIsRefused(mode: mode_t) throws {
    let path = write("abcdefghijklmnop-1234", mode: mode)
    #expect(loadError(path) == "net.token.mode")
    do { _ = try BearerToken.load(path: path) } catch {
      #expect(error.message.contains(path))
      #expect(error.notes == ["run: chmod 600 \(path)"])
    }
  }

  @Test func aFileOfAnotherUserIsRefused() throws {
    let path = write("abcdefghijklmnop-1234", mode: 0o600)
    guard chown(path, geteuid() == 0 ? 1 : 0, gid_t(getegid())) == 0 else {
      print("skip: cannot chown the token file to another user here (not root)")
      return
    }
    #expect(loadError(path) == "net.token.owner")
  }

  @Test func missingSymlinkDirectoryShortAndBadTokensAreRefused() throws {
    #expect(loadError("\(folder)/absent") == "net.token.open")
    let target = write("abcdefghijklmnop-1234", mode: 0o600)
    symlink(target, "\(folder)/link")
    #expect(loadError("\(folder)/link") == "net.token.open")
    #expect(loadError(folder) == "net.token.not-a-file")
    mkfifo("\(folder)/fifo", 0o600)
    #expect(
      loadError("\(folder)/fifo") == "net.token.not-a-file",
      "a FIFO neither blocks nor loads"
    )
    #expect(loadError(write("short", mode: 0o600, name: "short")) == "net.token.length")
    #expect(loadError(write("", mode: 0o600, name: "empty")) == "net.token.length")
    #expect(
      loadError(write("has a space in it ok", mode: 0o600, name: "space")) == "net.token.characters"
    )
    #expect(
      loadError(write(String(repeating: "x", count: 2000), mode: 0o600, name: "long"))
        == "net.token.length"
    )
  }

  @Test func constantTimeCompareIsCorrect() {
    let secret = Array("abcdefghijklmnop".utf8)
    func equal(_ text: String) -> Bool {
      BearerToken.constantTimeEqual(secret, ArraySlice(text.utf8))
    }
    #expect(equal("abcdefghijklmnop"))
    #expect(!equal("abcdefghijklmnoq"), "last byte differs")
    #expect(!equal("Xbcdefghijklmnop"), "first byte differs")
    #expect(!equal("abcdefghijklmno"), "shorter")
    #expect(!equal("abcdefghijklmnopq"), "longer")
    #expect(!equal(""), "empty")
    #expect(
      !BearerToken.constantTimeEqual(Array("abababababababab".utf8), ArraySlice("ab".utf8)),
      "a repeating prefix"
    )
    #expect(
      BearerToken.constantTimeEqual(
        Array("abababababababab".utf8),
        ArraySlice("abababababababab".utf8)
      )
    )
  }
}

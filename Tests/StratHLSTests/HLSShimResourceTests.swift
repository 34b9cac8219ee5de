import Foundation
import Testing

@testable import StratHLS

@Suite struct HLSShimResourceTests {
  @Test func theBundledShimFolderIsFound() throws {
    let folder = try #require(HLSShim.folder)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
  }
}

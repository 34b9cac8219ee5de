import StratDiagnostics

/// Opens market data files whatever their compression.
public enum ByteStreams {
  /// Opens `path`, decompressing as it reads if the file starts with the gzip magic (1f 8b), so
  /// callers read `.csv.gz` and `.itch.gz` the same way as plain files.
  public static func open(path: String) throws(MarketDataError) -> ByteStream {
    let probe = try FileByteStream(path: path)
    var magic: (UInt8, UInt8) = (0, 0)
    let got = try withUnsafeMutableBytes(of: &magic) { (raw) throws(MarketDataError) -> Int in
      var filled = 0
      while filled < 2 {
        let n = try probe.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
        if n == 0 { break }
        filled += n
      }
      return filled
    }
    let file = try FileByteStream(path: path)
    if got == 2 && magic == (0x1F, 0x8B) { return GzipByteStream(source: file) }
    return file
  }
}

// What Fuzz/HTTPFuzz drives, and the http corpus replay test replays: one code path for both.

/// Runs one input through the request parser (the server's limits and tiny ones, following
/// pipelined requests), checks that every cut of a valid request is incomplete (what the
/// server relies on when bytes arrive in pieces), then through the client's response parser
/// and the token comparison. Returns the ids of the refusals; an `internal.` id is a bug.
enum HTTPFuzzTarget {
  static let tinyLimits: HTTPLimits = {
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 64
    limits.maxHeaderCount = 4
    limits.maxHeaderBytes = 256
    limits.maxBodyBytes = 64
    return limits
  }()

  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    for limits in [HTTPLimits(), tinyLimits] { ids += requests(input, limits) }
    // A request is no response: the response parser's refusals count only for inputs that
    // look like one, so valid requests stay valid.
    let looksLikeResponse = input.starts(with: "HTTP/".utf8)
    for atEnd in [false, true] {
      if case .failure = HTTPResponseParser.parse(input, atEnd: atEnd, maxBodyBytes: 1024),
        looksLikeResponse
      {
        ids.append("net.http.bad-response")
      }
    }
    let text = String(decoding: input, as: UTF8.self)
    if let token = try? BearerToken("0123456789abcdef"), token.matches(text),
      text != "Bearer 0123456789abcdef"
    {
      ids.append("internal.token.matched-another")
    }
    return ids
  }

  /// Parses request after request (at most 64) until the bytes run out or one is refused.
  private static func requests(_ input: UnsafeRawBufferPointer, _ limits: HTTPLimits) -> [String] {
    var offset = 0
    for _ in 0..<64 {
      let rest = UnsafeRawBufferPointer(rebasing: input[offset...])
      switch HTTPRequestParser.parse(rest, limits: limits) {
      case .incomplete: return []
      case .incompleteBody(let totalBytes):
        return totalBytes > rest.count && totalBytes - rest.count <= limits.maxBodyBytes
          ? [] : ["internal.http.body-length"]
      case .failure(let error):
        return [error.status >= 400 && error.status < 600 ? error.id : "internal.http.status"]
      case .request(let request, let consumed):
        guard consumed > 0, consumed <= rest.count, request.body.count <= limits.maxBodyBytes else {
          return ["internal.http.consumed"]
        }
        if let bad = cutsAreIncomplete(rest, consumed, limits) { return [bad] }
        offset += consumed
      }
    }
    return []
  }

  /// Sixteen cuts of a request's bytes must each be incomplete (a cut in the body knowing the
  /// request's full length).
  private static func cutsAreIncomplete(
    _ bytes: UnsafeRawBufferPointer,
    _ consumed: Int,
    _ limits: HTTPLimits
  ) -> String? {
    for step in 0..<16 {
      let cut = consumed * step / 16
      switch HTTPRequestParser.parse(
        UnsafeRawBufferPointer(rebasing: bytes[..<cut]),
        limits: limits
      ) {
      case .incomplete: continue
      case .incompleteBody(let totalBytes) where totalBytes == consumed: continue
      default: return "internal.http.prefix-not-incomplete"
      }
    }
    return nil
  }
}

/// Reads the XML of a FIX data dictionary (QuickFIX's format) into `XMLElement`s: elements,
/// attributes in single or double quotes, self-closing tags, comments, the `<?xml ?>`
/// declaration, and the five predefined entities. No DTDs, namespaces or CDATA: a dictionary
/// has none, and one that does is refused with its line rather than half read.
struct XMLReader {
  private let bytes: [UInt8]
  private let path: String
  private var index = 0
  private var line = 1

  init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  /// The document's root element.
  static func parse(_ bytes: [UInt8], path: String) throws(FIXError) -> XMLElement {
    var reader = XMLReader(bytes: bytes, path: path)
    reader.skipProlog()
    guard reader.peek == UInt8(ascii: "<") else { throw reader.failure("the document has no root element") }
    let root = try reader.element(depth: 0)
    reader.skipMisc()
    guard reader.index == bytes.count else { throw reader.failure("text after the root element") }
    return root
  }

  private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func advance() {
    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
    index += 1
  }

  private func failure(_ message: String) -> FIXError {
    FIXError(id: "fix.dictionary.xml", message: message, location: .init(path: path, line: line))
  }

  private func starts(with text: String) -> Bool {
    let utf8 = Array(text.utf8)
    return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
  }

  private mutating func skip(past text: String) {
    while index < bytes.count && !starts(with: text) { advance() }
    for _ in 0..<min(text.utf8.count, bytes.count - index) { advance() }
  }

  private mutating func skipSpace() {
    while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
  }

  private mutating func skipProlog() {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    skipMisc()
  }

  /// Space, comments and processing instructions between elements.
  private mutating func skipMisc() {
    while true {
      skipSpace()
      if starts(with: "<!--") { skip(past: "-->") } else if starts(with: "<?") { skip(past: "?>") } else { return }
    }
  }

  private mutating func element(depth: Int) throws(FIXError) -> XMLElement {
    guard depth < 64 else { throw failure("elements nest deeper than 64") }
    let start = line
    advance()  // <
    let name = try self.name()
    var element = XMLElement(name: name, attributes: [], children: [], line: start)
    while true {
      skipSpace()
      if starts(with: "/>") {
        advance(); advance()
        return element
      }
      if peek == UInt8(ascii: ">") { advance(); break }
      let key = try self.name()
      skipSpace()
      guard peek == UInt8(ascii: "=") else { throw failure("attribute '\(key)' of <\(name)> has no value") }
      advance()
      skipSpace()
      element.attributes.append((key, try quoted()))
    }
    try content(of: &element, depth: depth)
    return element
  }

  /// Children and text up to the element's end tag.
  private mutating func content(of element: inout XMLElement, depth: Int) throws(FIXError) {
    while true {
      while let byte = peek, byte != UInt8(ascii: "<") { advance() }
      guard peek != nil else { throw failure("<\(element.name)> (line \(element.line)) is never closed") }
      if starts(with: "<!--") { skip(past: "-->"); continue }
      if starts(with: "<?") { skip(past: "?>"); continue }
      if starts(with: "<!") { throw failure("CDATA and DTD sections are not read") }
      if starts(with: "</") {
        advance(); advance()
        let closing = try name()
        skipSpace()
        guard closing == element.name, peek == UInt8(ascii: ">") else {
          throw failure("</\(closing)> closes <\(element.name)> (line \(element.line))")
        }
        advance()
        return
      }
      element.children.append(try self.element(depth: depth + 1))
    }
  }

  private mutating func name() throws(FIXError) -> String {
    let start = index
    while let byte = peek, isNameByte(byte) { advance() }
    guard index > start else { throw failure("a name was expected") }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  private func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: ":"):
      return true
    default: return byte >= 0x80
    }
  }

  private mutating func quoted() throws(FIXError) -> String {
    guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
      throw failure("an attribute value must be quoted")
    }
    advance()
    var value: [UInt8] = []
    while let byte = peek, byte != quote {
      if byte == UInt8(ascii: "<") { throw failure("'<' inside an attribute value") }
      if byte == UInt8(ascii: "&") { value += try entity() } else { value.append(byte); advance() }
    }
    guard peek == quote else { throw failure("an attribute value is never closed") }
    advance()
    return String(decoding: value, as: UTF8.self)
  }

  private mutating func entity() throws(FIXError) -> [UInt8] {
    let table: [(String, UInt8)] = [("&amp;", 0x26), ("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&apos;", 0x27)]
    for (text, byte) in table where starts(with: text) {
      for _ in text.utf8 { advance() }
      return [byte]
    }
    throw failure("an entity other than &amp; &lt; &gt; &quot; &apos;")
  }
}

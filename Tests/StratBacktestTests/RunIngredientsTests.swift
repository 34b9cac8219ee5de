import StratABI
import StratRuntime
import StratBacktest
import Testing

/// The run id: one hash of every ingredient, changed by each of them.
@Suite struct RunIngredientsTests {
  static let base = RunIngredients(
    code: "c0de", params: ["lookback=i64(20)", "entry=f64(2.0)"],
    inputs: [.init(name: "GLD GLD.csv", sha256: "aa"), .init(name: "GDX GDX.csv", sha256: "bb")],
    settings: ["fill=next-open", "fees=none"], compilerVersion: "stratc 0.2.0 (language 1, IR 1)")

  @Test func theIdIsTheSHA256OfTheCanonicalText() {
    let text = Self.base.canonicalText
    #expect(text == """
      stratc run id 1
      compiler stratc 0.2.0 (language 1, IR 1)
      code c0de
      param lookback=i64(20)
      param entry=f64(2.0)
      input aa GLD GLD.csv
      input bb GDX GDX.csv
      setting fill=next-open
      setting fees=none

      """)
    #expect(Self.base.id == SHA256.hex(Array(text.utf8)))
    #expect(Self.base.id.count == 64)
  }

  static let changes: [(String, @Sendable (inout RunIngredients) -> Void)] = [
    ("code", { $0.code = "c0dd" }),
    ("a param value", { $0.params[1] = "entry=f64(2.5)" }),
    ("an input's bytes", { $0.inputs[0].sha256 = "ab" }),
    ("an input's name", { $0.inputs[1].name = "GDX GDX2.csv" }),
    ("the input order", { $0.inputs.reverse() }),
    ("a setting", { $0.settings[0] = "fill=close" }),
    ("an added setting", { $0.settings.append("capital=100000") }),
    ("the compiler version", { $0.compilerVersion = "stratc 0.2.1 (language 1, IR 1)" }),
  ]

  @Test func noValueCanForgeAnotherLine() {
    var two = Self.base
    two.settings = ["fill=close", "fees=none"]
    var one = Self.base
    one.settings = ["fill=close\nsetting fees=none"]
    var slash = Self.base
    slash.settings = ["fill=close\\nsetting fees=none"]
    #expect(Set([two.id, one.id, slash.id]).count == 3)
  }

  @Test(arguments: changes.indices)
  func everyIngredientChangesTheId(_ k: Int) {
    var changed = Self.base
    Self.changes[k].1(&changed)
    #expect(changed.id != Self.base.id, "\(Self.changes[k].0)")
  }

  /// The CPU's SHA instructions (where it has them) and the Swift loop give the same digests.
  @Test func theAcceleratedAndPortableCompressionsAgree() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    let bytes = (0..<70_000).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    for count in [0, 3, 55, 56, 64, 119, 128, 1_000, 65_537, 70_000] {
      var fast = SHA256Hasher()
      var portable = SHA256Hasher(portable: true)
      fast.update(bytes[0..<count])
      portable.update(bytes[0..<count])
      #expect(fast.finalizeHex() == portable.finalizeHex(), "\(count) bytes")
    }
    var million = SHA256Hasher()
    million.update([UInt8](repeating: 0x61, count: 1_000_000))
    #expect(million.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", "FIPS 180-2's million a's")
  }

  @Test func hashingInPiecesEqualsHashingAtOnce() {
    let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    for cut in [0, 1, 55, 63, 64, 65, 127, 128, 500, 999, 1_000] {
      var hasher = SHA256Hasher()
      hasher.update(bytes[0..<cut])
      hasher.update(bytes[cut...])
      #expect(hasher.finalizeHex() == SHA256.hex(bytes), "cut at \(cut)")
    }
    // FIPS 180-4's two-block example.
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}

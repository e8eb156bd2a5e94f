import ClearanceTestSupport
import Testing

@testable import Clearance

@Suite("Name index")
struct NameIndexTests {
  @Test func findsEveryNameInItsNamespaceAndNothingElse() {
    var entries: [(name: String, space: Int32, handle: Int32)] = []
    for i in 0..<20_000 { entries.append(("user-\(i)", -1, Int32(i))) }
    for i in 0..<500 { entries.append(("north", Int32(i), Int32(100_000 + i))) }
    entries.append(("", -2, 7))
    let index = NameIndex(entries)
    #expect(index.count == entries.count)
    for (name, space, handle) in entries { #expect(index.handle(of: name, in: space) == handle) }
    #expect(index.handle(of: "user-20000", in: -1) == nil)
    #expect(index.handle(of: "user-1", in: -2) == nil)
    #expect(index.handle(of: "north", in: 500) == nil)
    #expect(index.handle(of: "", in: -1) == nil)
    #expect(index.handle(of: "", in: -2) == 7)
  }

  @Test func updatesShareWhatTheyDoNotTouch() {
    let base = NameIndex((0..<1_000).map { ("n\($0)", Int32(0), Int32($0)) })
    let added = base.setting("new", to: 5_000)
    let replaced = added.setting("n7", to: 70)
    let hidden = replaced.setting("n8", to: -1)
    #expect(base.handle(of: "new") == nil)
    #expect(added.handle(of: "new") == 5_000 && added.count == 1_001)
    #expect(replaced.handle(of: "n7") == 70 && added.handle(of: "n7") == 7)
    #expect(replaced.count == 1_001)
    #expect(hidden.handle(of: "n8") == nil && replaced.handle(of: "n8") == 8)
  }

  @Test func bytesNotCanonicalEquivalenceDecide() {
    let index = NameIndex([("Kim", 0, 1), ("jos\u{E9}", 0, 2)])
    #expect(index.handle(of: "\u{212A}im") == nil)
    #expect(index.handle(of: "jose\u{301}") == nil)
    #expect(index.handle(of: "Kim") == 1)
  }

  @Test func aLeafGrowsPastItsFirstCapacity() {
    // Many updates into one index: every version keeps answering for all its names.
    var index = NameIndex()
    var versions: [NameIndex] = []
    for i in 0..<3_000 {
      index = index.setting("k\(i)", to: Int32(i))
      if i % 1_000 == 999 { versions.append(index) }
    }
    for (v, version) in versions.enumerated() {
      let size = (v + 1) * 1_000
      #expect(version.count == size)
      #expect(version.handle(of: "k\(size - 1)") == Int32(size - 1))
      #expect(version.handle(of: "k\(size)") == nil)
    }
  }

  @Test func theHashTailIsTheRemainingBytesAsOneWord() {
    let bytes: [UInt8] = (0..<24).map { UInt8(0xA0 &+ $0) }
    for count in 0...24 {
      for offset in stride(from: 0, to: count, by: 8) where count - offset < 8 {
        var expected: UInt64 = 0
        for (i, byte) in bytes[offset..<count].enumerated() {
          expected |= UInt64(byte) << UInt64(8 * i)
        }
        let word = bytes.withUnsafeBytes {
          NameHash.tail(UnsafeRawBufferPointer(rebasing: $0[0..<count]), from: offset)
        }
        #expect(word == expected, "count \(count), offset \(offset)")
      }
    }
  }

  /// Random names around the 8- and 16-byte boundaries a slot stores inline, sharing long
  /// prefixes, in a few namespaces; every version of the index answers as a dictionary of
  /// exact bytes does.
  @Test(arguments: [UInt64(1), 2, 3])
  func answersAsADictionaryOfBytesDoes(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let pieces = ["a", "b", "\u{0}", "\u{E9}", "e\u{301}", "feature_12::", "\u{212A}"]
    func name() -> String {
      var text = ""
      for _ in 0..<random.int(in: 0...6) { text += random.pick(pieces) }
      return text
    }
    struct Key: Hashable {
      let bytes: [UInt8]
      let space: Int32
    }
    var model: [Key: Int32] = [:]
    var index = NameIndex()
    var names: [(String, Int32)] = []
    for step in 0..<3_000 {
      let (text, space) =
        names.isEmpty || random.percent(60)
        ? (name(), Int32(random.int(in: -2...2))) : random.pick(names)
      let handle = random.percent(10) ? Int32(-1) : Int32(random.below(1_000))
      index = index.setting(text, in: space, to: handle)
      model[Key(bytes: Array(text.utf8), space: space)] = handle
      names.append((text, space))
      let (probe, probeSpace) = random.percent(50) ? random.pick(names) : (name(), 0)
      let expected = model[Key(bytes: Array(probe.utf8), space: probeSpace)].flatMap {
        $0 >= 0 ? $0 : nil
      }
      #expect(
        index.handle(of: probe, in: probeSpace) == expected,
        "seed \(seed), step \(step): \(Array(probe.utf8)) in \(probeSpace)")
    }
    let rebuilt = NameIndex(
      model.map { (String(decoding: $0.key.bytes, as: UTF8.self), $0.key.space, $0.value) })
    for (key, handle) in model {
      let text = String(decoding: key.bytes, as: UTF8.self)
      let expected: Int32? = handle >= 0 ? handle : nil
      #expect(index.handle(of: text, in: key.space) == expected, "seed \(seed)")
      #expect(rebuilt.handle(of: text, in: key.space) == expected, "seed \(seed)")
    }
  }
}

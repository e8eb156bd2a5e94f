import ClearanceTestSupport
import Testing

@testable import Clearance

/// The compiler's byte-keyed intern table against a plain `Dictionary` model.
@Suite("Intern table")
struct InternTableTests {
  /// Random names (empty, short, longer than 16 bytes, sharing prefixes, canonically
  /// equivalent but different bytes) interned and looked up in a random order give the
  /// numbers, the inserted flags and the bytes a dictionary from bytes to first-seen
  /// number gives.
  @Test func agreesWithADictionaryModel() {
    let pieces = ["a", "b", "::", "m01", "s9", "read", "é", "e\u{301}", "\u{212A}", "K", "_", "*"]
    for seed: UInt64 in 1...40 {
      var random = SplitMix64(seed: seed)
      var table = InternTable(capacity: random.below(3) == 0 ? random.below(100) : 0)
      var model: [[UInt8]: Int32] = [:]
      var names: [String] = []
      let pool = 1 + random.below(400)
      for _ in 0..<pool {
        let length = random.below(12)
        names.append((0..<length).map { _ in pieces[random.below(pieces.count)] }.joined())
      }
      for step in 0..<(pool * 3) {
        let name = names[random.below(names.count)]
        let bytes = Array(name.utf8)
        if random.below(3) == 0 {
          #expect(table.number(of: name) == model[bytes], "seed \(seed) step \(step) \(name)")
          continue
        }
        let (number, inserted) = table.intern(name)
        let expected = model[bytes] ?? Int32(model.count)
        #expect(number == expected, "seed \(seed) step \(step) \(name)")
        #expect(inserted == (model[bytes] == nil), "seed \(seed) step \(step) \(name)")
        model[bytes] = expected
      }
      #expect(table.count == model.count, "seed \(seed)")
      for (bytes, number) in model {
        #expect(Array(table.name(Int(number))) == bytes, "seed \(seed) number \(number)")
      }
      // Names never added are not found.
      #expect(table.number(of: "not-a-piece-name") == nil, "seed \(seed)")
    }
  }

  /// Identifiers are found by their bytes, not by canonical equivalence.
  @Test func identifiersAreFoundByTheirBytes() {
    var table = InternTable()
    _ = table.intern("josé")
    #expect(table[PermissionKey("josé")] == 0)
    #expect(table[PermissionKey("jose\u{301}")] == nil)
    #expect(table["jose\u{301}"] == nil)
  }
}

import ClearanceTestSupport
import Testing

@testable import Clearance

/// The byte-level shortcuts behind identifiers agree with their plain definitions.
@Suite("Identifier bytes")
struct IdentifierBytesTests {
  /// The ASCII fast path of `IdentifierRules.problem(with:)` gives the answer the Unicode
  /// properties give, for every ASCII character at the start, middle and end of a name.
  @Test func asciiRulesAgreeWithUnicodeProperties() {
    for value in UInt8(0)..<0x80 {
      let c = String(Character(Unicode.Scalar(value)))
      for name in [c, "a" + c, c + "a", "a" + c + "b", c + c] {
        #expect(
          IdentifierRules.problem(with: name) == reference(name),
          "for \(IdentifierRules.quoted(name))")
      }
    }
    #expect(IdentifierRules.problem(with: "") == "empty")
    #expect(IdentifierRules.problem(with: "tickets::ticket::read") == nil)
  }

  /// Identifier equality is equality of the UTF-8 arrays: on every name of up to three
  /// pieces drawn from look-alikes, and on long names that differ only in their last byte.
  @Test func identifierEqualityIsByteEquality() {
    let alphabet = ["a", "b", "K", "\u{212A}", "e\u{301}", "\u{E9}", ":", "_"]
    var names = ["", "abcdefgh", "abcdefghi", "abcdefgh1", "abcdefgi1", "abcdefgh\u{212A}"]
    var words = [""]
    for _ in 0..<3 {
      words = words.flatMap { word in alphabet.map { word + $0 } }
      names += words
    }
    for a in names {
      for b in names.prefix(60) {
        #expect(
          (RoleID(a) == RoleID(b)) == (Array(a.utf8) == Array(b.utf8)),
          "\(IdentifierRules.quoted(a)) vs \(IdentifierRules.quoted(b))")
      }
    }
  }

  private func reference(_ name: String) -> String? {
    let scalars = name.unicodeScalars
    guard let first = scalars.first, let last = scalars.last else { return "empty" }
    if first.properties.isWhitespace || last.properties.isWhitespace {
      return "leading or trailing white space"
    }
    for scalar in scalars where scalar.properties.generalCategory == .control {
      return "control character U+"
        + String(
          repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
        + String(scalar.value, radix: 16, uppercase: true)
    }
    return nil
  }
}

@Suite("Internals — byte comparison")
struct BytesEqualTests {
  /// Every length up to 40 (below, at and past each eight-byte word), equal buffers and
  /// buffers differing in exactly one byte at every position: only the equal ones match.
  @Test func findsADifferenceAtEveryPosition() {
    var rng = SplitMix64(seed: 0xB17E)
    for count in 0...40 {
      let left = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      left.withUnsafeBytes { a in
        var same = left
        same.withUnsafeBytes { b in
          #expect(bytesEqual(a, b), "length \(count), equal")
        }
        for position in 0..<count {
          same = left
          same[position] ^= UInt8(1 + rng.below(255))
          same.withUnsafeBytes { b in
            #expect(!bytesEqual(a, b), "length \(count), differing at \(position)")
          }
        }
      }
    }
  }
}

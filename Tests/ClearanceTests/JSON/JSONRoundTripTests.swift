import Clearance
import ClearanceTestSupport
import Foundation
import Testing

@testable import ClearanceJSON

@Suite("JSON writer and round trips")
struct JSONRoundTripTests {
  /// Every JSON file of every fixture: read → write → read → write gives the same bytes
  /// and the same value, and the bytes are what Foundation's encoder wrote before.
  @Test(arguments: fixtureNames())
  func everyFixtureRoundTripsByteForByte(_ name: String) throws {
    let folder = packageRoot.appendingPathComponent("Fixtures/\(name)").path
    try roundTrip(Policy.self, at: folder + "/policy.json")
    try roundTrip(Directory.self, at: folder + "/directory.json")
    if FileManager.default.fileExists(atPath: folder + "/cases.json") {
      try roundTrip(CaseFile.self, at: folder + "/cases.json")
    }
  }

  func roundTrip<T: Codable & Equatable>(_ type: T.Type, at path: String) throws {
    let value = try JSONDocuments.read(type, at: path)
    let written = try JSONDocuments.encode(value)
    let again = try JSONDocuments.decode(type, from: written)
    #expect(again == value, "\(path)")
    #expect(try JSONDocuments.encode(again) == written, "\(path)")
    // The same formatting as Foundation's encoder (which ClearanceJSON replaces).
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    #expect(Array(try encoder.encode(value)) + [0x0A] == written, "\(path)")
  }

  @Test func theDirectoryFastPathAgreesWithCodable() throws {
    for name in fixtureNames() {
      let path = packageRoot.appendingPathComponent("Fixtures/\(name)/directory.json").path
      let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
      try expectBothPathsAgree(bytes)
    }
    // Unusual but valid spellings: nulls, every field, an escaped key.
    try expectBothPathsAgree(
      Array(
        #"""
        {"organizations": [{"id": "o", "features": {"x": false}, "shops": ["s"]}],
         "users": ["a", {"id": "b", "active": false}, {"id": "c"}],
         "memberships": [
           {"role": "R", "org": "o", "user": "a", "shops": null, "grants": null},
           {"user": "b", "org": "o", "role": "R", "shops": ["s"],
            "grants": ["x::y::z", {"permission": "*", "scope": "shop"}]},
           {"user": "c", "org": "o", "r\u006fle": "R"}
         ]}
        """#.utf8))
    try expectBothPathsAgree(Array(#"{"users": null, "memberships": []}"#.utf8))
    // Grants in every form, odd identifiers, nulls for defaults.
    try expectBothPathsAgree(
      Array(
        #"""
        {"organizations": [{"id": "", "parent": null, "plan": null, "features": null,
                            "shops": null, "active": null},
                           {"id": " o ", "parent": "", "plan": "p", "active": false,
                            "features": {"b": true, "a": false}}],
         "users": [" u", {"id": "", "active": null}],
         "memberships": [
           {"user": " u", "org": " o ", "role": "", "grants": [
             "*", {"permission": "a::b::c"}, {"permission": "x", "scope": null, "states": null},
             {"permission": "y", "scope": "tree", "states": ["S", ""]}]}
         ]}
        """#.utf8))
    // Documents the fast path hands to Codable, which must refuse them the same way.
    for text in [
      #"{"memberships": [{"user": "a", "org": "o", "role": "R", "grants": [{"scope": "org"}]}]}"#,
      #"{"memberships": [{"user": "a", "org": "o", "role": "R", "grants": [{"permission": "*", "scope": "x"}]}]}"#,
      #"{"organizations": [{"id": "o", "features": {"a": null}}]}"#,
      #"{"users": [{"id": "a", "active": 1}]}"#,
    ] {
      #expect(throws: ValidationError.self) {
        try JSONDocuments.decode(Directory.self, from: Array(text.utf8))
      }
      let tape = try JSONTape.parse(Array(text.utf8), file: "", limits: .standard)
      #expect(DirectoryReader(tape: tape).read() == nil)
    }
  }

  func expectBothPathsAgree(_ bytes: [UInt8]) throws {
    let tape = try JSONTape.parse(bytes, file: "", limits: .standard)
    let viaCodable = try TapeDecoder(tape, 0).decode(Directory.self)
    #expect(DirectoryReader(tape: tape).read() ?? viaCodable == viaCodable)
    #expect(try JSONDocuments.decode(Directory.self, from: bytes) == viaCodable)
  }

  @Test func stringsAreEscapedLikeFoundation() throws {
    let text = String(decoding: (0..<0x80).map { UInt8($0) }, as: UTF8.self) + "é\u{1F600}/"
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    #expect(try JSONDocuments.encode([text]) == Array(try encoder.encode([text])) + [0x0A])
    #expect(
      try JSONDocuments.decode([String].self, from: try JSONDocuments.encode([text])) == [text])
  }

  @Test func nonFiniteNumbersCannotBeWritten() {
    let error = #expect(throws: ValidationError.self) {
      try JSONDocuments.encode(["a": Double.nan])
    }
    #expect(error?.issues.first?.path == "a")
  }

  @Test func writingIsAtomicAndReadingAMissingFileNamesIt() throws {
    let path = "/tmp/clearance-json-\(UInt32.random(in: 0...UInt32.max)).json"
    try JSONDocuments.write(Shop.directory, to: path)
    #expect(try JSONDocuments.read(Directory.self, at: path) == Shop.directory)
    try JSONDocuments.write(Directory(), to: path)
    #expect(try JSONDocuments.read(Directory.self, at: path) == Directory())
    try? FileManager.default.removeItem(atPath: path)
    let error = #expect(throws: ValidationError.self) {
      try JSONDocuments.read(Directory.self, at: path)
    }
    #expect(error?.issues.first?.path == path)
    #expect(error?.issues.first?.message.hasPrefix("cannot read file: ") == true)
  }

  /// Random JSON values → write → read gives the same value (objects' keys sorted).
  @Test func randomValuesRoundTrip() throws {
    let seed: UInt64 = 0xC1EA_7A5E
    var random = SplitMix64(seed: seed)
    for round in 0..<300 {
      let value = Self.randomValue(&random, depth: 0)
      let bytes = value.bytes
      let read = try JSONValue.parse(bytes)
      #expect(read == value.sorted, "seed \(seed), round \(round)")
      #expect(read.bytes == bytes, "seed \(seed), round \(round)")
      if read != value.sorted { break }
    }
  }

  static let pieces: [String] = [
    "a", "Z", "é", "e\u{301}", "\u{1F600}", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}",
    "\u{7F}", "\u{FFFF}", "\u{10FFFF}", "ß", "中", " ", "::",
  ]

  static func randomString(_ random: inout SplitMix64) -> String {
    (0..<random.below(6)).map { _ in pieces[random.below(pieces.count)] }.joined()
  }

  static func randomNumber(_ random: inout SplitMix64) -> String {
    switch random.below(4) {
    case 0: String(Int64(bitPattern: random.next()))
    case 1: String(random.below(1000))
    case 2: "\(Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF))"
    default: "-\(random.below(100)).\(random.below(100))e\(random.below(40) - 20)"
    }
  }

  static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
    switch random.below(depth > 3 ? 4 : 6) {
    case 0: return .null
    case 1: return .bool(random.below(2) == 0)
    case 2: return .number(randomNumber(&random))
    case 3: return .string(randomString(&random))
    case 4:
      return .array((0..<random.below(5)).map { _ in randomValue(&random, depth: depth + 1) })
    default:
      var members: [JSONValue.Member] = []
      for _ in 0..<random.below(6) {
        let key = randomString(&random)
        if !members.contains(where: { $0.key.utf8.elementsEqual(key.utf8) }) {
          members.append(JSONValue.Member(key, randomValue(&random, depth: depth + 1)))
        }
      }
      return .object(members)
    }
  }
}

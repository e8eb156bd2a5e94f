import Clearance
import Testing

@testable import ClearanceJSON

/// The issues reading `bytes` as `T` reports (empty when it reads).
func readIssues<T: Decodable>(
  _ type: T.Type, _ bytes: [UInt8], file: String = "doc.json", limits: JSONLimits = .standard
) -> [ValidationIssue] {
  do {
    _ = try JSONDocuments.decode(type, from: bytes, file: file, limits: limits)
    return []
  } catch {
    return error.issues
  }
}

func readIssues<T: Decodable>(
  _ type: T.Type, _ text: String, file: String = "doc.json", limits: JSONLimits = .standard
) -> [ValidationIssue] {
  readIssues(type, Array(text.utf8), file: file, limits: limits)
}

/// Any JSON value, for documents whose shape does not matter.
struct AnyJSON: Decodable {
  init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: AnyKey.self) {
      for key in container.allKeys { _ = try container.decode(AnyJSON.self, forKey: key) }
    } else if var items = try? decoder.unkeyedContainer() {
      while !items.isAtEnd { _ = try items.decode(AnyJSON.self) }
    }
  }

  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

@Suite("JSON reader: syntax")
struct JSONSyntaxTests {
  @Test func aDuplicateKeyIsAnErrorNamingItsPath() {
    let text = """
      {"roles": [{"id": "A"}, {"id": "B"}, {"id": "C", "grants": [
        {"permission": "*", "scope": "org",
         "scope": "shop"}]}]}
      """
    let issues = readIssues(Policy.self, text)
    #expect(issues.count == 1)
    #expect(issues.first?.path == "roles[2].grants[0].scope")
    #expect(issues.first?.code == .duplicate)
    #expect(
      issues.first?.message
        == "duplicate key \"scope\", first at line 2, column 23 (line 3, column 4)")
    #expect(readIssues(AnyJSON.self, #"{"a": 1, "b": {}, "a": 2}"#).first?.path == "a")
  }

  @Test func duplicatesAreFoundInLargeObjectsToo() {
    var members = (0..<500).map { "\"k\($0)\": \($0)" }
    members.insert("\"k250\": true", at: 400)
    let issues = readIssues(AnyJSON.self, "{\"x\": [{" + members.joined(separator: ", ") + "}]}")
    #expect(issues.map(\.path) == ["x[0].k250"])
    #expect(issues.first?.code == .duplicate)
  }

  @Test func keysAreComparedByBytesWithoutNormalisation() throws {
    // Precomposed é and e + combining acute are different keys, not duplicates.
    let bytes: [UInt8] = Array(#"{"\#u{E9}": 1, "e\#u{301}": 2, "\u00e9x": 3}"#.utf8)
    let value = try JSONValue.parse(bytes)
    guard case .object(let members) = value else {
      Issue.record("not an object")
      return
    }
    #expect(members.count == 3)
    // The same two keys written as escapes are still two keys.
    #expect(readIssues(AnyJSON.self, #"{"\u00e9": 1, "e\u0301": 2}"#).isEmpty)
    // ... but an escaped and a raw spelling of the same bytes are one key, twice.
    let twice = readIssues(AnyJSON.self, #"{"\#u{E9}": 1, "\u00e9": 2}"#)
    #expect(twice.first?.code == .duplicate)
  }

  @Test func aDictionaryOfSwiftStringsRefusesKeysThatWouldMerge() {
    let issues = readIssues([String: Int].self, #"{"\u00e9": 1, "e\u0301": 2}"#)
    #expect(issues.map(\.code) == [.duplicate])
  }

  @Test func syntaxErrorsNameFileLineAndColumn() {
    let issues = readIssues(AnyJSON.self, "{\n  \"a\": [1, 2,]\n}", file: "policy.json")
    #expect(issues.map(\.path) == ["policy.json"])
    #expect(
      issues.first?.message == "line 2, column 14: a trailing comma before ']' is not allowed")
    // Columns count characters, not bytes.
    #expect(
      readIssues(AnyJSON.self, "{\"\u{E9}\u{1F600}\": x}").first?.message
        == "line 1, column 8: expected a value, found 'x'")
  }

  static let refused: [(text: String, message: String)] = [
    ("", "line 1, column 1: expected a value, found the end of the document"),
    ("[1,]", "line 1, column 4: a trailing comma before ']' is not allowed"),
    ("{\"a\": 1,}", "line 1, column 9: a trailing comma before '}' is not allowed"),
    ("[01]", "line 1, column 2: a number with a leading zero is not allowed"),
    ("[-012]", "line 1, column 2: a number with a leading zero is not allowed"),
    ("[NaN]", "line 1, column 2: expected a value, found 'N'"),
    ("[Infinity]", "line 1, column 2: expected a value, found 'I'"),
    ("[-Infinity]", "line 1, column 3: expected a digit, found 'I'"),
    ("[+1]", "line 1, column 2: expected a value, found '+'"),
    ("[.5]", "line 1, column 2: expected a value, found '.'"),
    ("[1.]", "line 1, column 4: expected a digit after the decimal point, found ']'"),
    ("[1e]", "line 1, column 4: expected a digit in the exponent, found ']'"),
    ("[1] // note", "line 1, column 5: expected the end of the document, found '/'"),
    ("/* c */ []", "line 1, column 1: expected a value, found '/'"),
    ("['a']", "line 1, column 2: expected a value, found '''"),
    ("{a: 1}", "line 1, column 2: expected a string key, found 'a'"),
    ("{\"a\" 1}", "line 1, column 6: expected ':' after the key, found '1'"),
    ("[\"a\tb\"]", "line 1, column 4: control character 0x09 in a string must be escaped"),
    ("[\"a\nb\"]", "line 1, column 4: control character 0x0A in a string must be escaped"),
    ("[\"abc", "line 1, column 2: a string is not closed"),
    ("[\"\\x\"]", "line 1, column 3: invalid escape \\'x'"),
    ("[\"\\u12\"]", "line 1, column 7: a \\u escape needs four hexadecimal digits"),
    ("{} {}", "line 1, column 4: expected the end of the document, found '{'"),
    (
      "[tru]",
      "line 1, column 2: expected a value (true, false and null are the only words), found 't'"
    ),
    ("[1 2]", "line 1, column 4: expected ',' or ']', found '2'"),
    ("{\"a\": 1 \"b\": 2}", "line 1, column 9: expected ',' or '}', found '\"'"),
    ("\u{FEFF}{}", "line 1, column 1: a byte order mark is not allowed"),
    ("[1", "line 1, column 3: expected ',' or ']', found the end of the document"),
  ]

  @Test(arguments: refused)
  func strictRFC8259(_ example: (text: String, message: String)) {
    let issues = readIssues(AnyJSON.self, example.text)
    #expect(issues.map(\.message) == [example.message], "\(example.text)")
  }

  @Test func everyEscapeAndSurrogatePairsDecode() throws {
    let text = #"["\"\\\/\b\f\n\r\t", "\u0041\u00e9\u20AC", "\ud83d\ude00", "\u0000"]"#
    let strings = try JSONDocuments.decode([String].self, from: Array(text.utf8))
    #expect(strings[0].utf8.elementsEqual("\"\\/\u{8}\u{C}\n\r\t".utf8))
    #expect(strings[1].utf8.elementsEqual("A\u{E9}\u{20AC}".utf8))
    #expect(strings[2].utf8.elementsEqual("\u{1F600}".utf8))
    #expect(strings[3].utf8.elementsEqual([0]))
  }

  static let badUTF8: [(bytes: [UInt8], message: String)] = [
    ([0xC0, 0xAF], "invalid UTF-8: overlong encoding"),
    ([0xC1, 0xBF], "invalid UTF-8: overlong encoding"),
    ([0xE0, 0x80, 0xAF], "invalid UTF-8: overlong encoding"),
    ([0xF0, 0x80, 0x80, 0xAF], "invalid UTF-8: overlong encoding"),
    ([0xED, 0xA0, 0x80], "invalid UTF-8: encoded surrogate"),
    ([0xED, 0xBF, 0xBF], "invalid UTF-8: encoded surrogate"),
    ([0xF4, 0x90, 0x80, 0x80], "invalid UTF-8: code point beyond U+10FFFF"),
    ([0xF5, 0x80, 0x80, 0x80], "invalid UTF-8: byte 0xF5 never appears in UTF-8"),
    ([0xFF], "invalid UTF-8: byte 0xFF never appears in UTF-8"),
    ([0x80], "invalid UTF-8: unexpected continuation byte 0x80"),
    ([0xE2, 0x82], "invalid UTF-8: truncated sequence"),
    ([0xE2, 0x41, 0x41], "invalid UTF-8: truncated sequence"),
  ]

  @Test(arguments: badUTF8)
  func invalidUTF8IsRefused(_ example: (bytes: [UInt8], message: String)) {
    let document = Array("[\"ab".utf8) + example.bytes + Array("\"]".utf8)
    let issues = readIssues(AnyJSON.self, document)
    #expect(issues.map(\.message) == ["line 1, column 5: \(example.message)"])
    // Also inside a string with escapes, and in a key.
    let escaped = Array("[\"\\n".utf8) + example.bytes + Array("\"]".utf8)
    #expect(readIssues(AnyJSON.self, escaped).first?.message.contains(example.message) == true)
    let key = Array("{\"".utf8) + example.bytes + Array("\": 1}".utf8)
    #expect(readIssues(AnyJSON.self, key).first?.message.contains(example.message) == true)
  }

  @Test(arguments: [
    #"["\ud800"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#, #"["\ud800x"]"#, #"["\ud800\ud800"]"#,
    #"["\uDBFF\\"]"#,
  ])
  func loneSurrogateEscapesAreRefused(_ text: String) {
    let message = readIssues(AnyJSON.self, text).first?.message ?? ""
    #expect(message.contains("lone surrogate escape"), "\(text): \(message)")
  }

  @Test func validUTF8AtTheEdgesIsAccepted() throws {
    let edges: [[UInt8]] = [
      [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
      [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    ]
    for edge in edges {
      let text = try JSONDocuments.decode(
        String.self, from: [0x22] + edge + [0x22])
      #expect(Array(text.utf8) == edge)
    }
  }
}

@Suite("JSON reader: limits")
struct JSONLimitTests {
  @Test func documentSize() {
    let issues = readIssues(AnyJSON.self, "[1, 2, 3]", limits: JSONLimits(maxDocumentBytes: 8))
    #expect(
      issues.map(\.message) == [
        "line 1, column 1: limit maxDocumentBytes (8) exceeded: the document has 9 bytes"
      ])
  }

  @Test func aLargeFileIsRefusedBeforeItIsRead() throws {
    let path = "/tmp/clearance-json-limit-\(UInt32.random(in: 0...UInt32.max)).json"
    try JSONDocuments.write([String](repeating: "x", count: 100), to: path)
    defer { _ = try? JSONDocuments.write(0, to: path) }
    let error = #expect(throws: ValidationError.self) {
      try JSONDocuments.read([String].self, at: path, limits: JSONLimits(maxDocumentBytes: 100))
    }
    #expect(error?.issues.first?.message.hasPrefix("limit maxDocumentBytes (100) exceeded") == true)
    #expect(try JSONDocuments.read([String].self, at: path).count == 100)
  }

  @Test func depth() {
    let limits = JSONLimits(maxDepth: 3)
    #expect(readIssues(AnyJSON.self, "[[[1]]]", limits: limits).isEmpty)
    #expect(
      readIssues(AnyJSON.self, "[[[[1]]]]", limits: limits).map(\.message) == [
        "line 1, column 4: limit maxDepth (3) exceeded: arrays and objects nest more than 3 deep"
      ])
  }

  @Test func deepNestingIsRefusedWithoutAStackOverflow() throws {
    let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
    let issues = readIssues(AnyJSON.self, deep)
    #expect(issues.first?.message.contains("limit maxDepth (64) exceeded") == true)
    // The reader itself has no recursion: raised limits parse a million levels.
    let tape = try JSONTape.parse(
      Array(deep.utf8), file: "", limits: JSONLimits(maxDepth: 2_000_000))
    #expect(tape.nodes.count == 1_000_000)
  }

  @Test func stringKeyAndNumberLength() {
    let limits = JSONLimits(maxStringBytes: 4)
    #expect(readIssues(AnyJSON.self, #"["abcd", 1234]"#, limits: limits).isEmpty)
    #expect(
      readIssues(AnyJSON.self, #"["abcde"]"#, limits: limits).map(\.message) == [
        "line 1, column 2: limit maxStringBytes (4) exceeded: a string has 5 bytes"
      ])
    #expect(
      readIssues(AnyJSON.self, #"{"abcde": 1}"#, limits: limits).map(\.message) == [
        "line 1, column 2: limit maxStringBytes (4) exceeded: a key has 5 bytes"
      ])
    #expect(
      readIssues(AnyJSON.self, #"[12345]"#, limits: limits).map(\.message) == [
        "line 1, column 2: limit maxStringBytes (4) exceeded: a number has 5 bytes"
      ])
  }

  @Test func valueCount() {
    let limits = JSONLimits(maxValues: 4)
    #expect(readIssues(AnyJSON.self, "[1, 2, 3]", limits: limits).isEmpty)
    #expect(
      readIssues(AnyJSON.self, "[1, 2, 3, 4]", limits: limits).map(\.message) == [
        "line 1, column 11: limit maxValues (4) exceeded: the document has more values"
      ])
  }

  @Test func issueCount() {
    let text = "[" + (0..<10).map { _ in "1" }.joined(separator: ",") + "]"
    let issues = readIssues([String].self, text, limits: JSONLimits(maxIssues: 3))
    #expect(issues.count == 4)
    #expect(issues.prefix(3).map(\.path) == ["[0]", "[1]", "[2]"])
    #expect(
      issues.last?.message == "limit maxIssues (3) reached: later problems are not reported")
  }
}

@Suite("JSON reader: values and semantic errors")
struct JSONDecodingTests {
  struct Counter: Codable, Equatable {
    var n: Int
  }

  struct Measure: Codable, Equatable {
    var x: Double
  }

  @Test func integersOutOfRangeAndFractionsAreRefusedWithTheirPath() throws {
    #expect(
      try JSONDocuments.decode(Counter.self, from: Array(#"{"n": -9223372036854775808}"#.utf8)).n
        == .min)
    let big = readIssues([Counter].self, #"[{"n": 1}, {"n": 9223372036854775808}]"#)
    #expect(
      big.map(\.description) == [
        "[1].n: the number 9223372036854775808 is out of range for Int "
          + "(-9223372036854775808...9223372036854775807)"
      ])
    #expect(
      readIssues(Counter.self, #"{"n": 1.5}"#).map(\.description) == [
        "n: expected an integer, found 1.5"
      ])
    #expect(
      readIssues(Counter.self, #"{"n": 1e2}"#).map(\.description) == [
        "n: expected an integer, found 1e2"
      ])
    #expect(
      readIssues(Counter.self, #"{"n": "1"}"#).map(\.description) == ["n: expected an integer"])
    #expect(
      readIssues(Counter.self, #"{"n": null}"#).map(\.description) == [
        "n: expected an integer, found null"
      ])
    #expect(
      try JSONDocuments.decode(Measure.self, from: Array(#"{"x": -2.5e-3}"#.utf8)).x == -0.0025)
    #expect(try JSONDocuments.decode(Measure.self, from: Array(#"{"x": 7}"#.utf8)).x == 7)
    #expect(
      readIssues(Measure.self, #"{"x": 1e400}"#).map(\.description) == [
        "x: the number 1e400 is out of range for Double"
      ])
  }

  @Test func everySemanticErrorIsReportedWithItsPath() {
    let text = """
      {
        "permissions": ["a::b::c", 7],
        "roles": [
          {"id": "A", "inherit": ["B"], "colour": "red"},
          {"id": "B", "grants": ["a::b::c", {"permission": "*", "scope": "galaxy"}]},
          {"name": "no id"},
          {"id": 5, "system": "yes"},
          {"id": "D", "system": "yes", "deleted": 0}
        ],
        "workflows": {}
      }
      """
    let issues = readIssues(Policy.self, text)
    #expect(
      issues.map(\.description) == [
        "permissions[1]: expected an object",
        "roles[0].colour: unknown field \"colour\" (expected one of: id, name, inherits, grants, system, deleted)",
        "roles[0].inherit: unknown field \"inherit\" (expected one of: id, name, inherits, grants, system, deleted)",
        "roles[1].grants[1].scope: unknown scope \"galaxy\" (expected assigned, shop, org or tree)",
        "roles[2]: missing field \"id\"",
        // A required field that fails ends the checks of its object.
        "roles[3].id: expected a string",
        "roles[4].system: expected a boolean",
        "roles[4].deleted: expected a boolean",
        "workflows: expected an array",
      ])
  }

  /// A type with a field whose name has a canonically equivalent non-ASCII spelling (K and
  /// the Kelvin sign U+212A).
  struct Kind: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case kind = "Kind" }
    var kind: Int?
    init(from decoder: any Decoder) throws {
      try decoder.rejectUnknownFields(CodingKeys.self)
      kind = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
        Int.self, forKey: .kind)
    }
  }

  @Test func fieldNamesMatchByBytes() throws {
    #expect(try JSONDocuments.decode(Kind.self, from: Array(#"{"Kind": 1}"#.utf8)).kind == 1)
    // The Kelvin-sign spelling is another, unknown field; never silently ignored.
    #expect(
      readIssues(Kind.self, #"{"Kind": 1}"#).map(\.description) == [
        "\u{212A}ind: unknown field \"\u{212A}ind\" (expected one of: Kind)"
      ])
  }

  @Test func aDirectoryReportsEveryBadMembership() {
    let text = """
      {"users": ["a", 1, {"id": "c", "active": "no"}],
       "memberships": [
         {"user": "a", "org": "o", "role": "R"},
         {"user": "a", "org": "o"},
         {"user": "a", "org": "o", "role": "R", "shop": ["x"]},
         {"user": "a", "org": "o", "role": "R", "shops": [1]}
       ]}
      """
    #expect(
      readIssues(Directory.self, text).map(\.description) == [
        "users[1]: expected an object",
        "users[2].active: expected a boolean",
        "memberships[1]: missing field \"role\"",
        "memberships[2].shop: unknown field \"shop\" (expected one of: user, org, role, shops, grants)",
        "memberships[3].shops[0]: expected a string",
      ])
  }
}

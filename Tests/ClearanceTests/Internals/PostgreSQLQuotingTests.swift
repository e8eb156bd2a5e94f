// Quoting of generated SQL: quotes are doubled byte by byte, even where a combining mark
// makes the quote part of a larger Swift `Character`.

import Testing

@testable import Clearance

@Suite("PostgreSQL quoting")
struct PostgreSQLQuotingTests {
  @Test func literalsDoubleEveryQuoteByte() throws {
    #expect(try PostgreSQL.literal("north") == "'north'")
    #expect(try PostgreSQL.literal("o'brien''s") == "'o''brien''''s'")
    // U+0301 after the quote: one Character in Swift, still a quote byte to PostgreSQL.
    let combined = "a'\u{301}b"
    let quoted = try PostgreSQL.literal(combined)
    #expect(Array(quoted.utf8) == Array("'a''\u{301}b'".utf8))
    #expect(throws: SQLError.self) { try PostgreSQL.literal("a\u{0}b") }
  }

  @Test func identifiersDoubleEveryQuoteByte() throws {
    #expect(try PostgreSQL.identifier("tickets") == "\"tickets\"")
    let quoted = try PostgreSQL.identifier("a\"\u{301}")
    #expect(Array(quoted.utf8) == Array("\"a\"\"\u{301}\"".utf8))
  }

  @Test func arrayElementsEscapeEveryQuoteAndBackslashByte() throws {
    #expect(try PostgresScript.array(["north", "a\\b"]) == "{\"north\",\"a\\\\b\"}")
    let escaped = try PostgresScript.array(["x\"\u{301}"])
    #expect(Array(escaped.utf8) == Array("{\"x\\\"\u{301}\"}".utf8))
  }
}

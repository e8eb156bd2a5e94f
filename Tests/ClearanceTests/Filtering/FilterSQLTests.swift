import Clearance
import Testing

@Suite("Filter rendering")
struct FilterSQLTests {
  @Test func aFilterRendersWithBoundValuesAndQuotedColumns() throws {
    let filter = ResourceFilter.and([
      .orgIn(["hq"]), .or([.assigneeIs("max"), .shopIn(["north", "south"])]),
      .stateNotIn(["VOIDED"]),
    ])
    let sql = try filter.sql(columns: SQLColumns(table: "t", org: "org_id"), firstParameter: 3)
    #expect(
      sql.text
        == #"("t"."org_id" = $3::text AND ("t"."assignee" = $4::text OR "t"."shop" = ANY($5::text[])) AND ("t"."state" IS NULL OR "t"."state" <> $6::text))"#
    )
    #expect(
      sql.parameters == [
        .text("hq"), .text("max"), .textArray(["north", "south"]), .text("VOIDED"),
      ])
  }

  @Test func valuesNeverReachTheTextAndIdentifiersAreQuoted() throws {
    let hostile = "x'); DROP TABLE t; --"
    let sql = try ResourceFilter.orgIn([OrgID(hostile)]).sql(
      columns: SQLColumns(org: #"we"ird"#))
    #expect(sql.text == #""we""ird" = $1::text"#)
    #expect(sql.parameters == [.text(hostile)])
  }

  @Test func badIdentifiersAndValuesAreRefusedWithTheLimit() {
    #expect(throws: SQLError.self) { try ResourceFilter.always.sql(columns: SQLColumns(org: "")) }
    let long = String(repeating: "c", count: 64)
    do {
      _ = try ResourceFilter.always.sql(columns: SQLColumns(state: long))
      Issue.record("expected a refusal")
    } catch {
      #expect(error.message.contains("at most 63"))
    }
    #expect(throws: SQLError.self) { try ResourceFilter.assigneeIs("a\u{0}b").sql() }
  }

  @Test func constantsRender() throws {
    #expect(try ResourceFilter.always.sql().text == "TRUE")
    #expect(try ResourceFilter.never.sql().text == "FALSE")
    #expect(try ResourceFilter.stateNotIn([]).sql().text == "TRUE")
  }

  @Test func jsonIsOneObjectPerCase() {
    let filter = ResourceFilter.or([
      .and([.orgIn(["hq"]), .assigneeIs("t\"x")]), .and([.orgIn(["east"]), .stateIn(["A"])]),
    ])
    #expect(
      filter.json
        == #"{"op":"or","of":[{"op":"and","of":[{"op":"orgIn","values":["hq"]},{"op":"assigneeIs","value":"t\"x"}]},{"op":"and","of":[{"op":"orgIn","values":["east"]},{"op":"stateIn","values":["A"]}]}]}"#
    )
  }
}

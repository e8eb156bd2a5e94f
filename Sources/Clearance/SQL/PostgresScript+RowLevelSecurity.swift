extension PostgresScript {
  /// The row-level security test of one row, as a `format()` string: `%1$I` … `%4$I` are
  /// the org, shop, assignee and state columns, `%5$L` the action. Each `(SELECT …)` is
  /// uncorrelated, so PostgreSQL computes it once per statement (an InitPlan) and tests
  /// each row against arrays; the first conjunct lets an index on org narrow the scan.
  var rowTest: String {
    let s = schema
    let filter = "(SELECT \(s).user_filter((SELECT \(s).current_user_id()), %5$L))"
    let other = "(%4$I IS NULL OR %4$I <> ALL(coalesce((SELECT \(s).known_states()), '{}')))"
    return """
      %1$I = ANY((\(filter)).visible) AND (%1$I = ANY((\(filter)).anywhere) \
      OR ROW(%1$I, %4$I)::\(s).pair = ANY((\(filter)).anywhere_known) \
      OR (%1$I = ANY((\(filter)).anywhere_other) AND \(other)) \
      OR (%3$I = (SELECT \(s).current_user_id()) AND (%1$I = ANY((\(filter)).assigned) \
      OR ROW(%1$I, %4$I)::\(s).pair = ANY((\(filter)).assigned_known) \
      OR (%1$I = ANY((\(filter)).assigned_other) AND \(other)))) \
      OR ROW(%1$I, %2$I)::\(s).pair = ANY((\(filter)).in_shops) \
      OR ROW(%1$I, %2$I, %4$I)::\(s).triple = ANY((\(filter)).shop_known) \
      OR (ROW(%1$I, %2$I)::\(s).pair = ANY((\(filter)).shop_other) AND \(other)))
      """
  }

  /// `protect(table, action, …)`: the template that puts row-level security on a host
  /// table, and an example of its use.
  mutating func rowLevelSecurityTemplate() {
    let s = schema
    line(
      """
      -- Puts row-level security on a host table: rows are visible to (or may be updated or
      -- deleted by) the current user exactly when can(user, p_action, row) allows. The
      -- table owner is subject to it too (FORCE); superusers and BYPASSRLS roles are not.
      -- Returns the policy's USING expression.
      CREATE FUNCTION \(s).protect(p_table regclass, p_action text,
        p_command text DEFAULT 'SELECT', p_org text DEFAULT 'org', p_shop text DEFAULT 'shop',
        p_assignee text DEFAULT 'assignee', p_state text DEFAULT 'state',
        p_policy text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $fn$
      DECLARE
        test text;
      BEGIN
        IF upper(p_command) NOT IN ('SELECT', 'UPDATE', 'DELETE', 'ALL') THEN
          RAISE EXCEPTION 'p_command must be SELECT, UPDATE, DELETE or ALL, not %', p_command;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM \(s).actions WHERE name = p_action) THEN
          RAISE EXCEPTION 'unknown action %', p_action;
        END IF;
        test := format(\(rowTestLiteral), p_org, p_shop, p_assignee, p_state, p_action);
        EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', p_table);
        EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', p_table);
        EXECUTE format('CREATE POLICY %I ON %s FOR %s USING (%s)',
          coalesce(p_policy, 'clearance_' || lower(p_command)), p_table, upper(p_command), test);
        RETURN test;
      END
      $fn$;

      -- Example (tickets readable as the policy says, for the user the host names):
      --   SELECT \(s).protect('public.tickets', 'tickets::ticket::read');
      --   GRANT USAGE ON SCHEMA \(s) TO app; GRANT SELECT ON ALL TABLES IN SCHEMA \(s) TO app;
      --   BEGIN; SET LOCAL clearance.user_id = 'tina'; SELECT count(*) FROM public.tickets;
      COMMIT;
      ANALYZE \(s).organizations, \(s).users, \(s).states, \(s).actions,
        \(s).action_features, \(s).org_disabled_features, \(s).memberships, \(s).permits,
        \(s).security_blocks, \(s).snapshot;
      """)
  }

  /// ``rowTest`` as a string literal.
  private var rowTestLiteral: String {
    "'" + PostgreSQL.doubling(UInt8(ascii: "'"), in: rowTest) + "'"
  }
}

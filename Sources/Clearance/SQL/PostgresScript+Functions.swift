extension PostgresScript {
  /// The decision functions. All are `STABLE` SQL functions: within one statement they
  /// see one state of the tables, so PostgreSQL may evaluate a call with constant
  /// arguments once (an InitPlan) instead of once per row.
  mutating func functions() {
    let s = schema
    line(
      """
      -- The current user: the setting the host sets per transaction
      -- (SET LOCAL clearance.user_id = '…'). Unset or empty: nobody.
      CREATE FUNCTION \(s).current_user_id() RETURNS text LANGUAGE sql STABLE
        AS $$ SELECT nullif(current_setting('clearance.user_id', true), '') $$;

      -- The current user's live membership in organization p_org, if the user is active.
      CREATE FUNCTION \(s).current_membership(p_org text) RETURNS \(s).memberships
        LANGUAGE sql STABLE AS $$
        SELECT m.* FROM \(s).memberships m
        JOIN \(s).users u ON u.id = m.user_id AND u.is_active
        JOIN \(s).organizations o ON o.id = m.org AND o.is_live
        WHERE m.user_id = (SELECT \(s).current_user_id()) AND m.org = p_org $$;

      CREATE FUNCTION \(s).is_member(p_org text) RETURNS boolean LANGUAGE sql STABLE
        AS $$ SELECT (\(s).current_membership(p_org)).user_id IS NOT NULL $$;

      CREATE FUNCTION \(s).has_shop_access(p_org text, p_shop text) RETURNS boolean
        LANGUAGE sql STABLE
        AS $$ SELECT coalesce(p_shop = ANY((\(s).current_membership(p_org)).shops), false) $$;

      CREATE FUNCTION \(s).has_role(p_org text, p_role text) RETURNS boolean LANGUAGE sql STABLE
        AS $$ SELECT coalesce((\(s).current_membership(p_org)).role = p_role, false) $$;

      -- Whether the action's features are disabled for organization p_org.
      CREATE FUNCTION \(s).blocked(p_action text, p_org text) RETURNS boolean LANGUAGE sql STABLE
        AS $$ SELECT EXISTS (SELECT 1 FROM \(s).action_features f
          JOIN \(s).org_disabled_features d ON d.feature = f.feature AND d.org = p_org
          WHERE f.action = p_action) $$;

      CREATE FUNCTION \(s).known_states() RETURNS text[] LANGUAGE sql STABLE
        AS $$ SELECT coalesce(array_agg(name), '{}') FROM \(s).states $$;
      """)
    canFunction()
    cellsFunction()
  }

  /// `clearance_can`: the decision of `can` for one request given by names.
  private mutating func canFunction() {
    let s = schema
    line(
      """
      -- Decides exactly as the library's can(user, action, resource); NULL for an absent
      -- shop, assignee or state. Unknown names are denied. PL/pgSQL, so that its plan is
      -- prepared once per session rather than once per call.
      CREATE FUNCTION \(s).clearance_can(user_id text, action text, org text, shop text,
        assignee text, state text) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN EXISTS (
          SELECT 1 FROM \(s).users u
          JOIN \(s).organizations r ON r.id = $3 AND r.is_live
          JOIN \(s).memberships m ON m.user_id = u.id
          JOIN \(s).organizations mo ON mo.id = m.org
          JOIN \(s).permits p ON p.role = m.role AND p.direct = m.direct AND p.action = $2
          WHERE u.id = $1 AND u.is_active
            AND NOT EXISTS (SELECT 1 FROM \(s).action_features f
              JOIN \(s).org_disabled_features d ON d.feature = f.feature AND d.org = $3
              WHERE f.action = $2)
            AND NOT EXISTS (SELECT 1 FROM \(s).security_blocks b
              WHERE b.org = $3 AND b.role = m.role AND b.action = $2)
            AND ((m.org = $3 AND p.level = CASE WHEN $5 = $1 THEN 0
                    WHEN $4 = ANY(m.shops) THEN 1 ELSE 2 END)
              OR (mo.enter < r.enter AND r.exit <= mo.exit AND p.level = 3))
            AND (p.any_state OR p.state IS NOT DISTINCT FROM
              (SELECT k.name FROM \(s).states k WHERE k.name = $6)));
      END
      $$;
      """)
  }

  /// `cells` and `user_filter`: the filter of one user and action as arrays, computed
  /// once per statement by a row-level security policy.
  private mutating func cellsFunction() {
    let s = schema
    line(
      """
      -- What p_user may reach with p_action, organization by organization: guard 0 rows
      -- assigned to the user, 1 rows in `shops`, 2 every row; any_state, or one state
      -- (NULL: no state or one no policy element names).
      CREATE FUNCTION \(s).cells(p_user text, p_action text) RETURNS TABLE (org text,
        guard smallint, shops text[], any_state boolean, state text) LANGUAGE sql STABLE AS $$
        SELECT m.org, p.level, m.shops, p.any_state, p.state
        FROM \(s).users u JOIN \(s).memberships m ON m.user_id = u.id
        JOIN \(s).organizations o ON o.id = m.org AND o.is_live
        JOIN \(s).permits p ON p.role = m.role AND p.direct = m.direct
          AND p.action = p_action AND p.level < 3
        WHERE u.id = p_user AND u.is_active AND NOT EXISTS (SELECT 1
          FROM \(s).action_features f JOIN \(s).org_disabled_features x
          ON x.feature = f.feature AND x.org = m.org WHERE f.action = p_action)
        AND NOT EXISTS (SELECT 1 FROM \(s).security_blocks b
          WHERE b.org = m.org AND b.role = m.role AND b.action = p_action)
        UNION ALL
        SELECT d.id, 2::smallint, NULL::text[], p.any_state, p.state
        FROM \(s).users u JOIN \(s).memberships m ON m.user_id = u.id
        JOIN \(s).organizations o ON o.id = m.org AND o.is_live
        JOIN \(s).permits p ON p.role = m.role AND p.direct = m.direct
          AND p.action = p_action AND p.level = 3
        JOIN \(s).organizations d ON o.enter < d.enter AND d.exit <= o.exit AND d.is_live
        WHERE u.id = p_user AND u.is_active AND NOT EXISTS (SELECT 1
          FROM \(s).action_features f JOIN \(s).org_disabled_features x
          ON x.feature = f.feature AND x.org = d.id WHERE f.action = p_action)
        AND NOT EXISTS (SELECT 1 FROM \(s).security_blocks b
          WHERE b.org = d.id AND b.role = m.role AND b.action = p_action)
      $$;

      CREATE TYPE \(s).user_filter AS (visible text[], anywhere text[],
        anywhere_known \(s).pair[], anywhere_other text[], assigned text[],
        assigned_known \(s).pair[], assigned_other text[], in_shops \(s).pair[],
        shop_known \(s).triple[], shop_other \(s).pair[]);

      -- The cells as arrays, for a row-level security policy to test each row against.
      -- No element has a NULL field: composite values compare NULL fields as equal.
      CREATE FUNCTION \(s).user_filter(p_user text, p_action text) RETURNS \(s).user_filter
        LANGUAGE sql STABLE AS $$
        WITH c AS (SELECT * FROM \(s).cells(p_user, p_action)),
        g AS (SELECT c.*, sh FROM c, unnest(c.shops) sh WHERE c.guard = 1)
        SELECT ROW(
          ARRAY(SELECT DISTINCT org FROM c),
          ARRAY(SELECT DISTINCT org FROM c WHERE guard = 2 AND any_state),
          ARRAY(SELECT DISTINCT ROW(org, state)::\(s).pair FROM c
            WHERE guard = 2 AND NOT any_state AND state IS NOT NULL),
          ARRAY(SELECT DISTINCT org FROM c WHERE guard = 2 AND NOT any_state AND state IS NULL),
          ARRAY(SELECT DISTINCT org FROM c WHERE guard = 0 AND any_state),
          ARRAY(SELECT DISTINCT ROW(org, state)::\(s).pair FROM c
            WHERE guard = 0 AND NOT any_state AND state IS NOT NULL),
          ARRAY(SELECT DISTINCT org FROM c WHERE guard = 0 AND NOT any_state AND state IS NULL),
          ARRAY(SELECT DISTINCT ROW(org, sh)::\(s).pair FROM g WHERE guard = 1 AND any_state),
          ARRAY(SELECT DISTINCT ROW(org, sh, state)::\(s).triple FROM g
            WHERE guard = 1 AND NOT any_state AND state IS NOT NULL),
          ARRAY(SELECT DISTINCT ROW(org, sh)::\(s).pair FROM g
            WHERE guard = 1 AND NOT any_state AND state IS NULL))::\(s).user_filter
      $$;
      """)
  }
}

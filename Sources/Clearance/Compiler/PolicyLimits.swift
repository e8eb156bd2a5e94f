/// The largest policy the compiler accepts, and how many problems it lists.
///
/// Every limit keeps a compile of a small hostile document (a long inheritance chain, a
/// role with tens of thousands of parents, a huge prerequisite list, thousands of
/// workflows) within seconds and a few hundred megabytes. A policy past a limit is refused
/// with a ``ValidationIssue`` of code ``ValidationIssue/Code/limitExceeded`` whose message
/// names the limit (`PolicyLimits.roles`, say) and whose path names the place. The
/// figures are documented in `docs/FORMAT.md`, section "Limits".
public enum PolicyLimits {
  /// Permissions in the catalog.
  public static let permissions = 200_000
  /// Roles, soft-deleted ones included.
  public static let roles = 100_000
  /// Grants written in roles, all roles together.
  public static let grants = 1_000_000
  /// Permissions that the roles' grant patterns match, summed over every grant: a `*`
  /// grant counts the whole catalog.
  public static let grantExpansions = 8_388_608
  /// The longest chain of inheritance, counted in roles below the top: a role that
  /// inherits nothing has depth 0, its child depth 1.
  public static let inheritanceDepth = 100
  /// 64-bit words of the compiled role tables: roles × 4 relation levels × words of the
  /// permission bitset, plus the state-conditional grants each role holds with what it
  /// inherits. 16,777,216 words are 128 MiB.
  public static let roleTableWords = 16_777_216
  /// 64-bit words of the prerequisite masks: for every permission, the non-zero words
  /// of the set of itself and everything it transitively requires.
  public static let prerequisiteWords = 4_194_304
  /// Workflows.
  public static let workflows = 10_000
  /// Distinct state names, over every workflow and every grant condition.
  public static let states = 100_000
  /// Transitions, over every workflow.
  public static let transitions = 1_000_000
  /// Problems listed in one ``ValidationError``; past it a last issue says how many more
  /// were found but not listed.
  public static let reportedIssues = 1_000
  /// Names shown when a cycle is reported; a longer cycle is shown as its start and end
  /// with the number of names left out between them.
  public static let cycleNamesShown = 24
}

extension IssueCollector {
  /// Records that `what` (`"1000000 permissions"`, say) passes the limit `name`.
  mutating func exceeded(_ path: String, _ what: String, limit: Int, name: String) {
    add(.limitExceeded(path: path, what: what, limit: limit, name: name))
  }

  /// Adds one issue naming a limit and throws everything collected so far: used when
  /// going on would cost more than the limit exists to prevent.
  mutating func refuse(_ path: String, _ what: String, limit: Int, name: String)
    throws(ValidationError) -> Never
  {
    exceeded(path, what, limit: limit, name: name)
    try throwIfAny()
    throw ValidationError(issues)
  }
}

/// A cycle's names as text, `a -> b -> a` (the first name repeated at the end): in full up
/// to ``PolicyLimits/cycleNamesShown`` names, else the first and last names around a count
/// of those left out, so the text stays short however long the cycle is.
func cycleText(_ cycle: ArraySlice<Int>, name: (Int) -> String) -> String {
  guard let first = cycle.first else { return "" }
  let shown = PolicyLimits.cycleNamesShown
  if cycle.count + 1 <= shown { return (cycle.map(name) + [name(first)]).joined(separator: " -> ") }
  let head = cycle.prefix(shown / 2).map(name)
  let tail = cycle.suffix(shown / 2 - 1).map(name) + [name(first)]
  let left = cycle.count + 1 - head.count - tail.count
  return (head + ["… (\(left) more) …"] + tail).joined(separator: " -> ")
}

extension IssueCollector {
  /// Reports each cycle of `graph` once, as `"\(label) a -> b -> a"` at `path`; past
  /// ``PolicyLimits/reportedIssues`` they are only counted.
  mutating func addCycles(
    of graph: Graph, path: String, label: String, name: (Int) -> String
  ) {
    graph.forEachCycle { cycle in
      if count < PolicyLimits.reportedIssues {
        add(path, .cycle, label + " " + cycleText(cycle, name: name))
      } else {
        addUnlisted(1)
      }
    }
  }
}

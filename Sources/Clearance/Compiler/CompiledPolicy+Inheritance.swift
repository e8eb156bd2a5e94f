extension CompiledPolicy {
  /// Pass 10: flattens inheritance into one grant set per role, and splits each role's
  /// levels into active and inactive bits.
  ///
  /// Roles are visited after everything they inherit from, so each role's set is its own
  /// grants united with its parents' finished sets: a word-wise OR per parent for the
  /// unconditional levels (a parent's active rows plus its few inactive words), a merge of
  /// sorted words for the state-conditional ones. Nothing is copied per ancestor, so a long
  /// chain or a role with many parents costs one pass over the inheritance edges. Each
  /// role's rows are written once, in place in the table the evaluator reads, and split by
  /// ``RoleActivity`` while still in cache. Soft-deleted roles grant nothing.
  ///
  /// - Throws: ``ValidationError`` naming ``PolicyLimits/roleTableWords`` when the tables
  ///   would need more words.
  static func flatten(
    _ roles: RoleTables, ownGrants: [[CompiledGrant]], wordCount: Int, stateWordCount: Int,
    prerequisites: Prerequisites, issues: inout IssueCollector
  ) throws(ValidationError) -> GrantTable {
    let setWords = 4 * wordCount
    let roleCount = roles.ids.count
    let levelWords = roleCount * setWords
    if levelWords > PolicyLimits.roleTableWords {
      try issues.refuse(
        "roles", "\(roleCount) roles × 4 relation levels × \(wordCount) words of permissions",
        limit: PolicyLimits.roleTableWords, name: "roleTableWords")
    }
    var builder = GrantTable.Builder(wordCount: wordCount, stateWordCount: stateWordCount)
    var conditions = InheritedConditions(
      roleCount: roleCount, budget: PolicyLimits.roleTableWords - levelWords,
      stateWordCount: builder.stateWordCount)
    let activity = RoleActivity(
      needs: prerequisites.needs, requires: prerequisites.requires, wordCount: wordCount)
    var inactive = InactiveRows(rowCount: roleCount * 4)
    defer { inactive.deallocate() }
    let touched = TouchedWords(wordCount: wordCount)
    defer { touched.deallocate() }
    let levels = try Frozen<UInt64>(count: levelWords) { (table) throws(ValidationError) in
      guard let base = table.baseAddress else { return }
      // Every role is in `order` (there is no cycle once validation passed); a gap would
      // read as granting nothing.
      if roles.order.count != roleCount { table.initialize(repeating: 0) }
      for role32 in roles.order {
        let role = Int(role32)
        let row = base + role * setWords
        if roles.isDeleted[role] {
          row.initialize(repeating: 0, count: setWords)
          continue
        }
        inherit(roles.parents[role], into: row, table: base, setWords: setWords)
        var words = ownWords(
          of: ownGrants[role], into: row, touched: touched, conditions: &conditions)
        for parent in roles.parents[role] {
          for level in 0..<4 {
            inactive.unite(Int(parent) * 4 + level, level: level, into: row, touched: touched)
          }
          words.append(contentsOf: conditions.words(of: Int(parent)))
        }
        guard conditions.store(words, for: role) else {
          try issues.refuse(
            "roles[\(roles.declaration[role])]",
            "role tables in words, with the state-conditional grants of \"\(roles.ids[role])\"",
            limit: PolicyLimits.roleTableWords, name: "roleTableWords")
        }
        for level in 0..<4 {
          activity.split(
            row + level * wordCount, level: level, touched: touched, index: role * 4 + level,
            into: &inactive)
        }
        touched.reset()
      }
    }
    for role in 0..<roleCount {
      builder.appendConditions(conditions.words(of: role), stateLists: conditions.stateLists)
    }
    return GrantTable(levels: levels, inactive: inactive.packed(), conditions: builder)
  }

  /// Writes into a role's rows at `row` (`setWords` words, not yet initialized) the
  /// union of its parents' finished rows, which hold their active bits: a copy of the
  /// first, then a word-wise OR of the others; zeros when it has no parent.
  private static func inherit(
    _ parents: ArraySlice<Int32>, into row: UnsafeMutablePointer<UInt64>,
    table base: UnsafeMutablePointer<UInt64>, setWords: Int
  ) {
    guard let first = parents.first else {
      row.initialize(repeating: 0, count: setWords)
      return
    }
    row.initialize(from: base + Int(first) * setWords, count: setWords)
    for parent in parents.dropFirst() {
      let parentRow = base + Int(parent) * setWords
      for w in 0..<setWords { row[w] |= parentRow[w] }
    }
  }

  /// Sets a role's own unconditional grants in its level rows at `row` through
  /// `touched`, and returns the words of its own state-conditional grants.
  private static func ownWords(
    of grants: [CompiledGrant], into row: UnsafeMutablePointer<UInt64>,
    touched: TouchedWords, conditions: inout InheritedConditions
  ) -> [ConditionWord] {
    var words: [ConditionWord] = []
    for grant in grants {
      let levels = 0...grant.expanded.scope.rawValue
      if let states = grant.expanded.states {
        let condition = conditions.intern(states)
        for level in levels {
          for p in grant.expanded.permissions {
            words.append(
              ConditionWord(
                condition: condition, level: level, word: Bits.word(Int(p)),
                bits: Bits.mask(Int(p))))
          }
        }
      } else {
        for p in grant.expanded.permissions {
          let (word, mask) = (Bits.word(Int(p)), Bits.mask(Int(p)))
          for level in levels { touched.add(mask, level: level, word: word, in: row) }
        }
      }
    }
    return words
  }
}

/// The state-conditional words each role holds with what it inherits, while inheritance
/// is flattened: one pool, each role's words sorted and merged.
private struct InheritedConditions {
  /// Role r's words are `pool[offset[r] ..< offset[r] + length[r]]`.
  var pool: [ConditionWord] = []
  var offset: [Int]
  var length: [Int]
  /// The distinct state lists, sorted, each interned once.
  var stateLists: [[Int32]] = []
  var stateListIndex: [[Int32]: Int] = [:]
  /// The same, keyed by the lists as written (unsorted, maybe repeating).
  var writtenIndex: [[Int32]: Int] = [:]
  /// Words left before ``PolicyLimits/roleTableWords`` is passed.
  var budget: Int
  let stateWordCount: Int

  init(roleCount: Int, budget: Int, stateWordCount: Int) {
    offset = [Int](repeating: 0, count: roleCount)
    length = [Int](repeating: 0, count: roleCount)
    self.budget = budget
    self.stateWordCount = stateWordCount
  }

  /// The number of the condition listing `states`.
  mutating func intern(_ states: [Int32]) -> Int {
    if let found = writtenIndex[states] { return found }
    let key = Array(Set(states)).sorted()
    let number: Int
    if let found = stateListIndex[key] {
      number = found
    } else {
      number = stateLists.count
      stateListIndex[key] = number
      stateLists.append(key)
    }
    writtenIndex[states] = number
    return number
  }

  func words(of role: Int) -> ArraySlice<ConditionWord> {
    pool[offset[role]..<offset[role] + length[role]]
  }

  /// Sorts and merges `words` and keeps them as `role`'s; false when that passes the
  /// budget.
  mutating func store(_ words: [ConditionWord], for role: Int) -> Bool {
    offset[role] = pool.count
    guard !words.isEmpty else { return true }
    let sorted = words.sorted { $0.key < $1.key }
    var conditions = 0
    var last: UInt64 = .max
    for word in sorted {
      if word.key == last {
        pool[pool.count - 1].bits |= word.bits
        continue
      }
      if last == .max || word.key >> 34 != last >> 34 { conditions += 1 }
      last = word.key
      pool.append(word)
    }
    length[role] = pool.count - offset[role]
    budget -= length[role] + conditions * stateWordCount
    return budget >= 0
  }
}

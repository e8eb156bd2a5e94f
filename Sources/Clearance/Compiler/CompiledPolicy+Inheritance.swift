extension CompiledPolicy {
  /// Pass 10: flattens inheritance into one grant set per role.
  ///
  /// Roles are visited after everything they inherit from, so each role's set is its own
  /// grants united with its parents' finished sets: a word-wise OR per parent for the
  /// unconditional levels, a merge of sorted words for the state-conditional ones. Nothing
  /// is copied per ancestor, so a long chain or a role with many parents costs one pass
  /// over the inheritance edges. Soft-deleted roles grant nothing.
  ///
  /// - Throws: ``ValidationError`` naming ``PolicyLimits/roleTableWords`` when the tables
  ///   would need more words.
  static func flatten(
    _ roles: RoleTables, ownGrants: [[CompiledGrant]], wordCount: Int, stateWordCount: Int,
    issues: inout IssueCollector
  ) throws(ValidationError) -> GrantTable {
    let setWords = 4 * wordCount
    let levelWords = roles.ids.count * setWords
    if levelWords > PolicyLimits.roleTableWords {
      try issues.refuse(
        "roles", "\(roles.ids.count) roles × 4 relation levels × \(wordCount) words of permissions",
        limit: PolicyLimits.roleTableWords, name: "roleTableWords")
    }
    var builder = GrantTable.Builder(wordCount: wordCount, stateWordCount: stateWordCount)
    builder.levels = [UInt64](repeating: 0, count: levelWords)
    var conditions = InheritedConditions(
      roleCount: roles.ids.count, budget: PolicyLimits.roleTableWords - levelWords,
      stateWordCount: builder.stateWordCount)
    for role32 in roles.order where !roles.isDeleted[Int(role32)] {
      let role = Int(role32)
      let base = role * setWords
      var words: [ConditionWord] = []
      for grant in ownGrants[role] {
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
          for level in levels {
            for p in grant.expanded.permissions {
              Bits.set(Int(p), in: &builder.levels, base: base + level * wordCount)
            }
          }
        }
      }
      for parent in roles.parents[role] {
        unite(&builder.levels, at: base, with: Int(parent) * setWords, count: setWords)
        words.append(contentsOf: conditions.words(of: Int(parent)))
      }
      guard conditions.store(words, for: role) else {
        try issues.refuse(
          "roles[\(roles.declaration[role])]",
          "role tables in words, with the state-conditional grants of \"\(roles.ids[role])\"",
          limit: PolicyLimits.roleTableWords, name: "roleTableWords")
      }
    }
    for role in 0..<roles.ids.count {
      builder.appendConditions(conditions.words(of: role), stateLists: conditions.stateLists)
    }
    return GrantTable(builder: builder)
  }

  /// ORs the `count` words at `source` into the `count` words at `target` (both in range,
  /// not overlapping): one parent's finished levels into its child's.
  private static func unite(_ words: inout [UInt64], at target: Int, with source: Int, count: Int) {
    words.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for w in 0..<count { base[target &+ w] |= base[source &+ w] }
    }
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

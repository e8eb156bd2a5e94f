/// A password policy (RepairOps: at least 12 characters, upper- and lowercase letters,
/// digits and symbols, none of the last 5 passwords, changed every 90 days).
///
/// The library never sees stored passwords: reuse is asked of a host-supplied matcher,
/// which compares the candidate with the user's previous password hashes however the host
/// stores them.
public struct PasswordPolicy: Sendable, Hashable {
  /// The fewest characters (grapheme clusters) a password may have.
  public var minimumLength: Int
  /// Whether a password needs an uppercase letter, a lowercase letter, a digit and a symbol.
  public var requiresCharacterClasses: Bool
  /// How many previous passwords may not be reused; 0 turns the check off.
  public var historyCount: Int
  /// Days after which a password must be changed; nil for never.
  public var maximumAgeDays: Int?

  /// Creates a policy; the defaults are RepairOps': 12 characters, all four classes, the
  /// last 5 passwords, 90 days.
  public init(
    minimumLength: Int = 12, requiresCharacterClasses: Bool = true, historyCount: Int = 5,
    maximumAgeDays: Int? = 90
  ) {
    self.minimumLength = minimumLength
    self.requiresCharacterClasses = requiresCharacterClasses
    self.historyCount = historyCount
    self.maximumAgeDays = maximumAgeDays
  }

  /// The longest password checked; longer ones are refused as ``PasswordRule/tooLong``
  /// (bounds the work of checking and of the host's hashing).
  public static let maximumLength = 1024

  /// Every rule `password` breaks, in a fixed order; empty when it is acceptable.
  ///
  /// - Parameter matchesRecent: the host's matcher: whether `password` equals one of the
  ///   user's last `count` passwords. Not called when ``historyCount`` is 0 or the
  ///   password is too long.
  public func violations(
    of password: String, matchesRecent: (_ password: String, _ count: Int) -> Bool
  ) -> [PasswordRule] {
    var broken: [PasswordRule] = []
    let length = password.count
    if length > Self.maximumLength { return [.tooLong(maximum: Self.maximumLength)] }
    if length < minimumLength { broken.append(.tooShort(minimum: minimumLength)) }
    if requiresCharacterClasses {
      var upper = false
      var lower = false
      var digit = false
      var symbol = false
      for scalar in password.unicodeScalars {
        let p = scalar.properties
        if p.isUppercase {
          upper = true
        } else if p.isLowercase {
          lower = true
        } else if p.numericType != nil {
          digit = true
        } else if !p.isWhitespace && !p.isAlphabetic {
          symbol = true
        }
      }
      if !upper { broken.append(.missingUppercase) }
      if !lower { broken.append(.missingLowercase) }
      if !digit { broken.append(.missingDigit) }
      if !symbol { broken.append(.missingSymbol) }
    }
    if historyCount > 0 && matchesRecent(password, historyCount) {
      broken.append(.reused(history: historyCount))
    }
    return broken
  }

  /// Whether a password set at `changedAt` must be changed at `now`.
  public func isExpired(changedAt: Timestamp, now: Timestamp) -> Bool {
    guard let days = maximumAgeDays else { return false }
    return changedAt.adding(seconds: Int64(max(0, days)) * secondsPerDay) <= now
  }
}

/// One rule of a ``PasswordPolicy`` that a password breaks.
public enum PasswordRule: Sendable, Hashable, CustomStringConvertible {
  /// Fewer characters than the minimum.
  case tooShort(minimum: Int)
  /// More characters than the library checks.
  case tooLong(maximum: Int)
  /// No uppercase letter.
  case missingUppercase
  /// No lowercase letter.
  case missingLowercase
  /// No digit.
  case missingDigit
  /// No symbol (a character that is neither a letter, a digit nor white space).
  case missingSymbol
  /// The same as one of the last `history` passwords.
  case reused(history: Int)

  /// The rule, for a person.
  public var description: String {
    switch self {
    case .tooShort(let minimum): "shorter than \(minimum) characters"
    case .tooLong(let maximum): "longer than \(maximum) characters"
    case .missingUppercase: "no uppercase letter"
    case .missingLowercase: "no lowercase letter"
    case .missingDigit: "no digit"
    case .missingSymbol: "no symbol"
    case .reused(let history): "one of the last \(history) passwords"
    }
  }
}

extension Timestamp {
  /// The time as ISO 8601 in UTC: `2026-03-01T09:30:00Z`; a fraction of a second is written
  /// with nine digits when present (`…:00.000000500Z`).
  public var iso8601: String {
    let seconds = self.seconds
    let fraction = nanoseconds &- seconds &* 1_000_000_000
    let (days, secondOfDay) = Self.floorDivide(seconds, secondsPerDay)
    let (year, month, day) = Self.civil(fromDays: days)
    var text =
      Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) + "T"
      + Self.pad(secondOfDay / 3600, 2) + ":" + Self.pad(secondOfDay % 3600 / 60, 2) + ":"
      + Self.pad(secondOfDay % 60, 2)
    if fraction != 0 { text += "." + Self.pad(fraction, 9) }
    return text + "Z"
  }

  /// Parses ISO 8601 date-time text: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up to
  /// nine digits, then `Z` or an offset `±HH:MM`. Nil for anything else (a bare date, a
  /// day that does not exist, a leap second): times are never guessed.
  public init?(iso8601 text: String) {
    let b = Array(text.utf8)
    guard b.count >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74,
      b[13] == 0x3A, b[16] == 0x3A,
      let year = Self.number(b, 0, 4), let month = Self.number(b, 5, 2),
      let day = Self.number(b, 8, 2), let hour = Self.number(b, 11, 2),
      let minute = Self.number(b, 14, 2), let second = Self.number(b, 17, 2),
      (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
      hour < 24, minute < 60, second < 60
    else { return nil }
    var i = 19
    var fraction: Int64 = 0
    if b[i] == 0x2E {
      i += 1
      var digits = 0
      while i < b.count, (0x30...0x39).contains(b[i]) {
        guard digits < 9 else { return nil }
        fraction = fraction * 10 + Int64(b[i] - 0x30)
        digits += 1
        i += 1
      }
      guard digits > 0 else { return nil }
      for _ in digits..<9 { fraction *= 10 }
    }
    guard let offset = Self.offsetSeconds(b, from: i) else { return nil }
    let days = Self.days(fromCivil: year, month, day)
    let total = days * secondsPerDay + hour * 3600 + minute * 60 + second - offset
    let (whole, overflow) = total.multipliedReportingOverflow(by: 1_000_000_000)
    guard !overflow else { return nil }
    let (value, overflow2) = whole.addingReportingOverflow(fraction)
    guard !overflow2 else { return nil }
    self.init(nanoseconds: value)
  }

  /// The UTC offset at `i` (`Z` or `±HH:MM`) in seconds, if it ends the text.
  private static func offsetSeconds(_ b: [UInt8], from i: Int) -> Int64? {
    guard i < b.count else { return nil }
    if b[i] == 0x5A || b[i] == 0x7A { return i + 1 == b.count ? 0 : nil }
    guard b[i] == 0x2B || b[i] == 0x2D, i + 6 == b.count, b[i + 3] == 0x3A,
      let hours = number(b, i + 1, 2), let minutes = number(b, i + 4, 2), hours < 24,
      minutes < 60
    else { return nil }
    let offset = hours * 3600 + minutes * 60
    return b[i] == 0x2D ? -offset : offset
  }

  /// The decimal number of `count` ASCII digits at `start`.
  private static func number(_ b: [UInt8], _ start: Int, _ count: Int) -> Int64? {
    guard start + count <= b.count else { return nil }
    var value: Int64 = 0
    for i in start..<(start + count) {
      guard (0x30...0x39).contains(b[i]) else { return nil }
      value = value * 10 + Int64(b[i] - 0x30)
    }
    return value
  }

  private static func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
    let (q, r) = a.quotientAndRemainder(dividingBy: b)
    return r < 0 ? (q - 1, r + b) : (q, r)
  }

  private static func isLeap(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (the era algorithm: 400-year
  /// cycles of 146,097 days, years starting in March).
  private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The proleptic Gregorian date of a day count since 1970-01-01.
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

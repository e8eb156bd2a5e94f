/// Collects validation issues while the compiler walks its input. Lists the first
/// ``PolicyLimits/reportedIssues`` and counts the rest.
struct IssueCollector {
  private(set) var issues: [ValidationIssue] = []
  /// Issues found past the listing limit.
  private(set) var unlisted = 0

  /// Every issue found, listed or not.
  var count: Int { issues.count + unlisted }

  mutating func add(_ path: String, _ code: ValidationIssue.Code, _ message: String) {
    add(ValidationIssue(path: path, code: code, message: message))
  }

  /// Adds `issue`, built only when it is listed.
  mutating func add(_ issue: @autoclosure () -> ValidationIssue) {
    if issues.count < PolicyLimits.reportedIssues {
      issues.append(issue())
    } else {
      unlisted += 1
    }
  }

  /// Counts `count` issues found but not built, as past the listing limit.
  mutating func addUnlisted(_ count: Int) {
    unlisted += count
  }

  func throwIfAny() throws(ValidationError) {
    guard count > 0 else { return }
    var listed = issues
    if unlisted > 0 {
      listed.append(
        ValidationIssue(
          path: "", code: .limitExceeded,
          message: "\(unlisted) more problems found but not listed "
            + "(PolicyLimits.reportedIssues: \(PolicyLimits.reportedIssues))"))
    }
    throw ValidationError(listed)
  }
}

import Clearance

/// The request-context options shared by `can`, `explain` and `test`.
enum ContextArguments {
  static let options: Set<String> = ["--at", "--ip", "--mfa-verified-at", "--api-key"]
  static let usage = "[--at TIME [--ip IP] [--mfa-verified-at TIME] [--api-key KEY]]"
  static let help = """
    context options (the API key, IP allowlist and MFA checks; times in ISO 8601):
      --at TIME               the request's time; needed by the other three
      --ip IP                 the client's address (IPv4 or IPv6)
      --mfa-verified-at TIME  the user's last MFA verification
      --api-key KEY           the API key secret presented (clr_…)

    """

  /// The context the options give, or nil when none is given.
  static func context(_ options: [String: String]) throws -> RequestContext? {
    guard let at = options["--at"] else {
      if let other = ["--ip", "--mfa-verified-at", "--api-key"].first(where: { options[$0] != nil })
      {
        throw UsageError("\(other) needs --at TIME")
      }
      return nil
    }
    guard let time = Timestamp(iso8601: at) else {
      throw UsageError("--at: \"\(at)\" is not an ISO 8601 time such as 2026-03-01T09:30:00Z")
    }
    var context = RequestContext(time: time, apiKey: options["--api-key"])
    if let text = options["--ip"] {
      guard let ip = IPAddress(text) else {
        throw UsageError("--ip: \"\(text)\" is not an IP address")
      }
      context.clientIP = ip
    }
    if let text = options["--mfa-verified-at"] {
      guard let verified = Timestamp(iso8601: text) else {
        throw UsageError("--mfa-verified-at: \"\(text)\" is not an ISO 8601 time")
      }
      context.mfaVerifiedAt = verified
    }
    return context
  }
}

/// An audit log that could not be written, read or verified.
public struct AuditError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, for a person.
  public let message: String

  /// Creates an error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

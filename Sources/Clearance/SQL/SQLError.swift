/// Why SQL could not be rendered. Each refusal names the limit it hit.
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was refused and why.
  public let message: String

  init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

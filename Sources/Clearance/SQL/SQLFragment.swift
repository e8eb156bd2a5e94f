/// A piece of SQL text with the values it binds: `$1`, `$2`, … in the text are
/// ``parameters``[0], [1], … . Values are never written into the text.
public struct SQLFragment: Sendable, Hashable {
  /// The SQL text (PostgreSQL dialect), with `$n` placeholders.
  public let text: String
  /// The values to bind, in placeholder order.
  public let parameters: [SQLValue]

  /// Creates a fragment.
  public init(text: String, parameters: [SQLValue]) {
    self.text = text
    self.parameters = parameters
  }
}

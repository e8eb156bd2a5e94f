/// A value bound to a SQL placeholder: a `text` or a `text[]`.
public enum SQLValue: Sendable, Hashable {
  /// A single text value, bound as `text`.
  case text(String)
  /// A list of text values, bound as `text[]`.
  case textArray([String])
}

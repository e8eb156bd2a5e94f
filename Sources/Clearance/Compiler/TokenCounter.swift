import Synchronization

/// A thread-safe counter of tokens. Token 0 is never handed out.
final class TokenCounter: Sendable {
  private let value = Atomic<UInt64>(0)
  func next() -> UInt64 { value.add(1, ordering: .relaxed).newValue }
}

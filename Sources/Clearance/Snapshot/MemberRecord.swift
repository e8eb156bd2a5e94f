/// One membership, by handles.
@usableFromInline
struct MemberRecord: Sendable, Hashable, BitwiseCopyable {
  @usableFromInline var user: Int32
  @usableFromInline var org: Int32
  @usableFromInline var role: Int32
  /// Direct grant set, or -1.
  @usableFromInline var direct: Int32
  @usableFromInline var shopStart: Int32
  @usableFromInline var shopCount: Int32
}

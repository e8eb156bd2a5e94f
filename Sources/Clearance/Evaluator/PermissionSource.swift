/// Where a grant comes from (the OpsOS "Role / Inherited / Direct" badges).
public enum PermissionSource: Sendable, Hashable, CustomStringConvertible {
  /// A grant of the membership's own role.
  case role(RoleID)
  /// A grant of `from`, which the membership's role inherits through `via` (the role
  /// itself first, `from` last).
  case inherited(from: RoleID, via: [RoleID])
  /// A grant attached to the membership itself.
  case direct

  /// `role(R)`, `inherited(from: P, via: [R, …, P])` or `direct`.
  public var description: String {
    switch self {
    case .role(let role): "role(\(role))"
    case .inherited(let from, let via):
      "inherited(from: \(from), via: [\(via.map(\.rawValue).joined(separator: ", "))])"
    case .direct: "direct"
    }
  }
}

extension ResourceFilter {
  /// The filter as JSON text (docs/FORMAT.md, "Filters"): one object per case, with an
  /// `op` naming it — `{"op":"orgIn","values":["acme"]}`, `{"op":"assigneeIs","value":"tina"}`,
  /// `{"op":"and","of":[…]}`, `{"op":"always"}`. Deterministic: the same filter gives the
  /// same bytes.
  public var json: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .always: out += #"{"op":"always"}"#
    case .never: out += #"{"op":"never"}"#
    case .orgIn(let values): writeList("orgIn", values.map(\.rawValue), to: &out)
    case .shopIn(let values): writeList("shopIn", values.map(\.rawValue), to: &out)
    case .assigneeIs(let user):
      out += #"{"op":"assigneeIs","value":"#
      writeString(user.rawValue, to: &out)
      out += "}"
    case .stateIn(let values): writeList("stateIn", values.map(\.rawValue), to: &out)
    case .stateNotIn(let values): writeList("stateNotIn", values.map(\.rawValue), to: &out)
    case .and(let members): writeMembers("and", members, to: &out)
    case .or(let members): writeMembers("or", members, to: &out)
    }
  }

  private func writeList(_ op: String, _ values: [String], to out: inout String) {
    out += #"{"op":""# + op + #"","values":["#
    for (i, value) in values.enumerated() {
      if i > 0 { out += "," }
      writeString(value, to: &out)
    }
    out += "]}"
  }

  private func writeMembers(_ op: String, _ members: [ResourceFilter], to out: inout String) {
    out += #"{"op":""# + op + #"","of":["#
    for (i, member) in members.enumerated() {
      if i > 0 { out += "," }
      member.write(to: &out)
    }
    out += "]}"
  }
}

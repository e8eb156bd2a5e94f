import Clearance

// Tests hold actions as plain text (generated corpora, case files); these wrap it in an
// `ActionName` so that every test calls the library's by-name API the same way.
extension Snapshot {
  func can(_ user: UserID, _ action: String, _ resource: Resource) -> Decision {
    can(user, ActionName(action), resource)
  }

  func explain(_ user: UserID, _ action: String, _ resource: Resource) -> Explanation {
    explain(user, ActionName(action), resource)
  }

  func can(_ user: UserID, _ action: String, _ resource: Resource, context: RequestContext)
    -> Decision
  {
    can(user, ActionName(action), resource, context: context)
  }

  func explain(
    _ user: UserID, _ action: String, _ resource: Resource, context: RequestContext
  ) -> Explanation {
    explain(user, ActionName(action), resource, context: context)
  }

  func filter(_ user: UserID, _ action: String) -> ResourceFilter {
    filter(user, ActionName(action))
  }

  func users(whoCan action: String, on resource: Resource) -> [Grantee] {
    users(whoCan: ActionName(action), on: resource)
  }

  func action(parsing text: String) -> Action {
    action(named: ActionName(text))
  }
}

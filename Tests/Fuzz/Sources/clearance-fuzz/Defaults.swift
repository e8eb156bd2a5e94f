// The documents used where an input's own document is missing or does not load: the
// example fixture (Fixtures/example), so a broken policy still lets the directory and
// the cases be exercised.

enum Defaults {
  static let policy = #"""
    {
      "permissions": [
        "tickets::ticket::read",
        { "key": "tickets::ticket::edit", "requires": ["tickets::ticket::read"] },
        { "key": "tickets::status::repair", "requires": ["tickets::ticket::read"] },
        { "key": "tickets::status::qc", "requires": ["tickets::ticket::read"] },
        { "key": "tickets::status::done", "requires": ["tickets::ticket::read"] },
        "billing::invoice::write"
      ],
      "features": [
        { "id": "service", "children": ["tickets"] }
      ],
      "ungated": ["billing"],
      "roles": [
        {
          "id": "TECH",
          "name": "Technician",
          "grants": [
            { "permission": "tickets::ticket::*", "scope": "assigned" },
            { "permission": "tickets::status::repair", "scope": "assigned" },
            { "permission": "tickets::status::qc", "scope": "assigned" }
          ]
        },
        {
          "id": "MANAGER",
          "name": "Shop manager",
          "inherits": ["TECH"],
          "grants": [
            { "permission": "tickets::*::*", "scope": "shop" }
          ]
        },
        {
          "id": "OWNER",
          "name": "Owner",
          "inherits": ["MANAGER"],
          "grants": ["*"]
        }
      ],
      "workflows": [
        {
          "id": "ticket",
          "initial": "INTAKE",
          "states": [
            "INTAKE",
            { "name": "IN_REPAIR", "enter": "tickets::status::repair" },
            { "name": "QC_REVIEW", "enter": "tickets::status::qc" },
            { "name": "DONE", "enter": "tickets::status::done", "terminal": true }
          ],
          "transitions": [
            { "from": "INTAKE", "to": "IN_REPAIR" },
            { "from": "IN_REPAIR", "to": "QC_REVIEW" },
            { "from": "QC_REVIEW", "to": "IN_REPAIR" },
            { "from": "QC_REVIEW", "to": "DONE" }
          ]
        }
      ]
    }
    """#

  static let directory = #"""
    {
      "organizations": [
        { "id": "acme", "shops": ["north", "south"] }
      ],
      "users": ["olga", "max", "tina", { "id": "ted", "active": false }],
      "memberships": [
        { "user": "olga", "org": "acme", "role": "OWNER" },
        { "user": "max", "org": "acme", "role": "MANAGER", "shops": ["north"] },
        { "user": "tina", "org": "acme", "role": "TECH", "shops": ["north"] },
        { "user": "ted", "org": "acme", "role": "TECH" }
      ]
    }
    """#

  static let cases = #"""
    {
      "cases": [
        { "name": "tech reads a ticket assigned to her", "user": "tina", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "shop": "north", "assignee": "tina" }, "expect": "allow" },
        { "name": "tech cannot read another tech's ticket", "user": "tina", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "shop": "north", "assignee": "max" }, "expect": "notPermitted" },
        { "name": "manager reads any ticket of his shop", "user": "max", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "shop": "north" }, "expect": "allow" },
        { "name": "manager cannot read a ticket of another shop", "user": "max", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "shop": "south" }, "expect": "notPermitted" },
        { "name": "owner reads every ticket", "user": "olga", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "shop": "south" }, "expect": "allow" },
        { "name": "tech moves her ticket into QC", "user": "tina", "action": "ticket:QC_REVIEW",
          "resource": { "org": "acme", "assignee": "tina", "state": "IN_REPAIR" }, "expect": "allow" },
        { "name": "tech cannot close a ticket", "user": "tina", "action": "ticket:DONE",
          "resource": { "org": "acme", "assignee": "tina", "state": "QC_REVIEW" }, "expect": "notPermitted" },
        { "name": "no skipping QC", "user": "olga", "action": "ticket:DONE",
          "resource": { "org": "acme", "state": "IN_REPAIR" }, "expect": "illegalTransition" },
        { "name": "billing is for the owner", "user": "max", "action": "billing::invoice::write",
          "resource": { "org": "acme" }, "expect": "notPermitted" },
        { "name": "an inactive user is denied", "user": "ted", "action": "tickets::ticket::read",
          "resource": { "org": "acme", "assignee": "ted" }, "expect": "principalInactive" },
        { "name": "another organization", "user": "olga", "action": "tickets::ticket::read",
          "resource": { "org": "globex" }, "expect": "notMember" }
      ]
    }
    """#
}

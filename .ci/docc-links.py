#!/usr/bin/env python3
"""Checks the DocC catalog without the DocC plugin (the package takes no dependencies).

Every ``Symbol`` link in Sources/Clearance/Clearance.docc must name a public type of the
Clearance module, or a public member of one with its exact argument labels
(``Snapshot/changingRole(of:in:to:)``); a member with several public declarations of the
same labels needs a disambiguation suffix (``Snapshot/can(_:_:_:)-(Principal,_,_)``).
Every public top-level type must be curated on the landing page, and every <doc:Article>
must exist. Prints each problem and exits 1 if there is any.

Run from the repository root: .ci/docc-links.py
"""

import pathlib
import re
import sys

SOURCES = pathlib.Path("Sources/Clearance")
CATALOG = SOURCES / "Clearance.docc"
LANDING = CATALOG / "Clearance.md"

TYPE_DECL = re.compile(
    r"\b(?:public|package|internal|private|fileprivate)?\s*(?:final\s+|indirect\s+)?"
    r"(struct|enum|class|protocol|actor|extension)\s+([A-Za-z_][A-Za-z0-9_.]*)"
)
PUBLIC_TYPE = re.compile(
    r"^\s*public\s+(?:final\s+|indirect\s+)?(struct|enum|class|protocol|actor|typealias)\s+"
    r"([A-Za-z_][A-Za-z0-9_]*)"
)
MEMBER = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:static\s+|final\s+|nonisolated\s+|mutating\s+)*"
    r"(func|init|var|let|case|subscript)\b\s*([A-Za-z_][A-Za-z0-9_]*|[^\s(<]+)?"
)
CASE_LINE = re.compile(r"^\s*case\s+([a-z][A-Za-z0-9_]*)(\s*\()?")


def strip_strings(line):
    """Removes string literals and // comments, so braces inside them do not count."""
    line = re.sub(r'"(?:\\.|[^"\\])*"', '""', line)
    return line.split("//", 1)[0]


def labels(text):
    """Argument labels of a parameter list's text (between the parentheses)."""
    depth, current, parts, previous = 0, "", [], ""
    for ch in text:
        if ch in "([<":
            depth += 1
        elif ch in ")]>" and not (ch == ">" and previous == "-"):  # `->` closes nothing
            depth -= 1
        previous = ch
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    result = []
    for part in parts:
        head = part.split(":", 1)[0].strip().split() if ":" in part else []
        result.append(head[0] if head else "_")
    return result


def parameter_text(lines, index, start):
    """The text between the parenthesis at lines[index][start] and its match."""
    depth, text = 0, ""
    for line in lines[index:]:
        for ch in line[start:]:
            if ch == "(":
                depth += 1
                if depth == 1:
                    continue
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    return text
            text += ch
        text += " "
        start = 0
    return text


def collect():
    """Public types and {type: {selector: count}} of public members."""
    types, members = set(), {}
    for path in sorted(SOURCES.rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").split("\n")
        stack = []  # (type name, brace depth at which its body opened)
        depth = 0
        pending = None
        in_public_enum_cases = {}
        for i, raw in enumerate(lines):
            line = strip_strings(raw)
            match = PUBLIC_TYPE.match(line)
            if match:
                name = match.group(2)
                if not stack:
                    types.add(name)
                else:
                    types.add(stack[-1][0] + "/" + name)
            decl = TYPE_DECL.search(line)
            if decl and not line.strip().startswith(("///", "*")):
                name = decl.group(2).split("<")[0]
                if stack and decl.group(1) != "extension":
                    name = stack[-1][0] + "/" + name
                pending = name.replace(".", "/")
            owner = stack[-1][0] if stack else None
            member = MEMBER.match(line)
            if owner and member:
                kind, name = member.group(1), member.group(2) or ""
                selector = None
                if kind in ("var", "let"):
                    selector = name
                elif kind == "case":
                    case = CASE_LINE.match(line.replace("public ", "", 1))
                    if case:
                        open_paren = line.find("(", line.find(case.group(1)))
                        if case.group(2):
                            args = labels(parameter_text(lines, i, open_paren))
                            selector = case.group(1) + "(" + "".join(a + ":" for a in args) + ")"
                        else:
                            selector = case.group(1)
                elif kind in ("func", "init", "subscript"):
                    base = "init" if kind == "init" else ("subscript" if kind == "subscript" else name)
                    at = line.find("init" if kind == "init" else base) + len(base)
                    open_paren = line.find("(", at)
                    if open_paren >= 0:
                        args = labels(parameter_text(lines, i, open_paren))
                        selector = base + "(" + "".join(a + ":" for a in args) + ")"
                if selector:
                    table = members.setdefault(owner, {})
                    table[selector] = table.get(selector, 0) + 1
            # Plain `case a, b` lines of a public enum (cases inherit its access).
            if owner and not member and re.match(r"^\s*case\s+[a-z]", line) and "(" not in line.split("//")[0] and ":" not in line:
                for name in re.findall(r"[a-z][A-Za-z0-9_]*", line.split("case", 1)[1].split("=")[0]):
                    members.setdefault(owner, {}).setdefault(name, 1)
            if owner and not member and re.match(r"^\s*case\s+[a-z][A-Za-z0-9_]*\s*\(", line):
                case = CASE_LINE.match(line)
                open_paren = line.find("(")
                args = labels(parameter_text(lines, i, open_paren))
                selector = case.group(1) + "(" + "".join(a + ":" for a in args) + ")"
                members.setdefault(owner, {}).setdefault(selector, 1)
            for ch in line:
                if ch == "{":
                    depth += 1
                    if pending:
                        stack.append((pending, depth))
                        pending = None
                elif ch == "}":
                    if stack and stack[-1][1] == depth:
                        stack.pop()
                    depth -= 1
    return types, members


def main():
    types, members = collect()
    top_level = sorted(t for t in types if "/" not in t)
    problems = []
    articles = {p.stem for p in CATALOG.glob("*.md")}
    for path in sorted(CATALOG.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.count("```") % 2:
            problems.append(f"{path}: an unclosed code block")
        prose = re.sub(r"```.*?```", "", text, flags=re.S)
        for article in re.findall(r"<doc:([A-Za-z0-9_-]+)>", prose):
            if article not in articles:
                problems.append(f"{path}: <doc:{article}> has no article")
        for link in re.findall(r"``([^`]+)``", prose):
            if link == "Clearance":
                continue
            parts = link.split("/")
            owner = parts[0]
            if owner not in types:
                problems.append(f"{path}: ``{link}``: no public type {owner}")
                continue
            if len(parts) == 1:
                continue
            # Nested types (``ValidationIssue/Code/limitExceeded``).
            while len(parts) > 2 and owner + "/" + parts[1] in types:
                owner = owner + "/" + parts[1]
                parts = [owner] + parts[2:]
            if len(parts) == 1:
                continue
            member = "/".join(parts[1:])
            selector, _, disambiguation = member.partition("-")
            if "(" in selector and not selector.endswith(")"):
                selector, disambiguation = member, ""
            count = members.get(owner, {}).get(selector, 0)
            if count == 0 and owner + "/" + selector in types:
                continue
            if count == 0:
                problems.append(f"{path}: ``{link}``: {owner} has no public member {selector}")
            elif count > 1 and not disambiguation:
                problems.append(
                    f"{path}: ``{link}``: {count} public declarations of {selector}; "
                    "add a disambiguation suffix such as -(Principal,_,_)")
    landing = LANDING.read_text(encoding="utf-8")
    curated = set(re.findall(r"^- ``([A-Za-z0-9_]+)``\s*$", landing, flags=re.M))
    for name in top_level:
        if name not in curated:
            problems.append(f"{LANDING}: public type {name} is not curated in Topics")
    for problem in problems:
        print(problem)
    links = sum(len(re.findall(r"``[^`]+``", p.read_text())) for p in CATALOG.glob("*.md"))
    print(f"{len(problems)} problems; {links} links, {len(top_level)} public types, "
          f"{len(articles)} pages")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

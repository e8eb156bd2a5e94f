#!/usr/bin/env python3
"""The size gauge of issue 11: lists every Swift file past 400 lines and every function,
initializer, subscript or computed property whose body passes 80 lines.

    .ci/gauge.py [--strict] [FOLDER...]      (default folder: Sources)

Exit status 1 with --strict when anything is listed; 0 otherwise.
"""
import os
import re
import sys

MAX_FILE_LINES = 400
MAX_BODY_LINES = 80
MODIFIERS = (r'(?:(?:@\w+(?:\([^)]*\))?|public|package|private|fileprivate|internal|static'
             r'|class|mutating|nonmutating|override|final|convenience|required)\s+)*')
DECLARATION = re.compile(r'^\s*' + MODIFIERS + r'(func\s+[^\s(<]+|init\??|subscript|var\s+\w+)')
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def body_length(lines, start):
    """Lines from `start` to the brace closing the body opened there, or 0 if none opens."""
    depth, opened = 0, False
    for j in range(start, len(lines)):
        code = STRING.sub('""', lines[j].split('//')[0])
        for ch in code:
            if ch == '{':
                depth, opened = depth + 1, True
            elif ch == '}':
                depth -= 1
        if opened and depth <= 0:
            return j - start + 1
        if not opened and j > start + 15:
            return 0
    return 0


def gauge(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    found = []
    if len(lines) - 1 > MAX_FILE_LINES:
        found.append(f'{path}: {len(lines) - 1} lines (limit {MAX_FILE_LINES})')
    for i, line in enumerate(lines):
        match = DECLARATION.match(line)
        if not match:
            continue
        what = match.group(1)
        if what.startswith('var') and '{' not in line:
            continue
        length = body_length(lines, i)
        if length > MAX_BODY_LINES:
            found.append(f'{path}:{i + 1}: {what} is {length} lines (limit {MAX_BODY_LINES})')
    return found


def main(arguments):
    strict = '--strict' in arguments
    folders = [a for a in arguments if a != '--strict'] or ['Sources']
    found = []
    for folder in folders:
        for directory, _, files in sorted(os.walk(folder)):
            for name in sorted(files):
                if name.endswith('.swift'):
                    found += gauge(os.path.join(directory, name))
    for line in found:
        print(line)
    return 1 if strict and found else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
# Checks that po/POTFILES.in lists exactly the files with translatable strings.
# A file missing from it keeps its strings out of courant.pot, so they are
# never translated and nothing else fails; an entry for a file that no longer
# exists breaks `ninja courant-pot`.
#
# usage: check-potfiles.py [SOURCE_ROOT]

import os
import re
import sys

SEARCHED_DIRS = ['app', 'widgets', 'data', 'resources']

# Data files whose format always carries translatable text.
ALWAYS_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')

# The keywords of meson's 'glib' gettext preset.
C_KEYWORDS = re.compile(
    r'(?<![\w])(?:_|N_|C_|NC_)\s*\(|\b(?:g_dngettext|ngettext|g_dcgettext|g_dpgettext2)\s*\(')
# Comments are dropped and string literals skipped, so that neither a comment
# mentioning _() nor a string containing "_(" counts.
C_COMMENT_OR_LITERAL = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
UI_TRANSLATABLE = re.compile(r'''translatable\s*=\s*["'](?:yes|true|1)["']''')


def c_has_translatable_strings(text):
    code = C_COMMENT_OR_LITERAL.sub(
        lambda m: ' ' if m.group(0).startswith('/') else '""', text)
    return C_KEYWORDS.search(code) is not None


def has_translatable_strings(path):
    if path.endswith(ALWAYS_TRANSLATABLE):
        return True
    if path.endswith(('.c', '.h')):
        with open(path, encoding='utf-8', errors='replace') as f:
            return c_has_translatable_strings(f.read())
    if path.endswith('.ui'):
        with open(path, encoding='utf-8', errors='replace') as f:
            return UI_TRANSLATABLE.search(f.read()) is not None
    return False


def translatable_files(root):
    found = set()
    for top in SEARCHED_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames[:] = [d for d in dirnames if not d.startswith('.')]
            for name in filenames:
                path = os.path.join(dirpath, name)
                if has_translatable_strings(path):
                    found.add(os.path.relpath(path, root).replace(os.sep, '/'))
    return found


def read_potfiles(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith(('#', '[')):
                entries.append(line)
    return entries


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    potfiles_in = os.path.join(root, 'po', 'POTFILES.in')

    try:
        listed = read_potfiles(potfiles_in)
    except OSError as e:
        print(f'cannot read po/POTFILES.in: {e.strerror}', file=sys.stderr)
        return 1

    ok = True
    for path in sorted(translatable_files(root) - set(listed)):
        print(f'po/POTFILES.in: missing {path}', file=sys.stderr)
        ok = False
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            print(f'po/POTFILES.in: {path} does not exist', file=sys.stderr)
            ok = False
    for path in sorted(set(listed)):
        if listed.count(path) > 1:
            print(f'po/POTFILES.in: {path} is listed more than once', file=sys.stderr)
            ok = False

    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())

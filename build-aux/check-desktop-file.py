#!/usr/bin/env python3
# Runs desktop-file-validate and fails on warnings too: it exits with 0 on
# warnings (a deprecated key, say), which would then go unnoticed.  Hints are
# printed but do not fail.
#
# usage: check-desktop-file.py DESKTOP-FILE-VALIDATE FILE.desktop

import subprocess
import sys


def main():
    if len(sys.argv) != 3:
        print(f'usage: {sys.argv[0]} DESKTOP-FILE-VALIDATE FILE.desktop', file=sys.stderr)
        return 2

    result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
    output = result.stdout + result.stderr
    print(output, end='')

    warnings = [line for line in output.splitlines() if ': warning: ' in line]
    return 1 if result.returncode != 0 or warnings else 0


if __name__ == '__main__':
    sys.exit(main())

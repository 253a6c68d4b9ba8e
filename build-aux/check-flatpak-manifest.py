#!/usr/bin/env python3
# Checks that the Flatpak manifest grants exactly the sandbox permissions we
# have decided on: network for remote sources, a display, and the GPU.  Files
# go through the document portal, so a --filesystem=… here would be a
# regression that nobody notices by running the app.

import json
import sys

APP_ID = 'io.github.courant.Courant'
ALLOWED_FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
]


def check(manifest):
    errors = []

    finish_args = manifest.get('finish-args', [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            errors.append(f'permission not allowed: {arg}')
    for arg in ALLOWED_FINISH_ARGS:
        if arg not in finish_args:
            errors.append(f'permission missing: {arg}')
    for arg in sorted(set(finish_args)):
        if finish_args.count(arg) > 1:
            errors.append(f'permission listed more than once: {arg}')

    expected = {
        'id': APP_ID,
        'runtime': 'org.gnome.Platform',
        'sdk': 'org.gnome.Sdk',
        'command': 'courant',
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            errors.append(f'"{key}" is {manifest.get(key)!r}, expected {value!r}')

    # The app is the last module: flatpak-builder builds modules in order.
    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict) or modules[-1].get('name') != 'courant':
        errors.append('the last module is not "courant"')

    return errors


def main():
    if len(sys.argv) != 2:
        print(f'usage: {sys.argv[0]} MANIFEST.json', file=sys.stderr)
        return 2

    try:
        with open(sys.argv[1], encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{sys.argv[1]}: {e}', file=sys.stderr)
        return 1

    errors = check(manifest)
    for error in errors:
        print(f'{sys.argv[1]}: {error}', file=sys.stderr)
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# Checks that every translation listed in po/LINGUAS is valid and complete:
# msgfmt --check must pass, and no message may be fuzzy or untranslated,
# neither in the .po file as it is nor once it is merged with a template
# extracted from the current sources (which catches strings added to the code
# after the .po file was last updated).  A .po file that po/LINGUAS does not
# list is an error too, since it would never be built.  Skips (exit 77) while
# no .po file exists yet.
#
# usage: check-po.py [SOURCE_ROOT]

import os
import re
import subprocess
import sys
import tempfile

# The arguments of meson's 'glib' gettext preset, so that the template is the
# one `ninja courant-pot` would write.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

ENV = dict(os.environ, LC_ALL='C')


def run(args):
    return subprocess.run(args, env=ENV, capture_output=True, text=True)


def read_linguas(po_dir):
    languages = []
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        for line in f:
            languages += line.split('#', 1)[0].split()
    return languages


def incomplete(po_file, label):
    """Returns the problems of po_file, described with label."""
    result = run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po_file])
    if result.returncode != 0:
        return [f'{label}: msgfmt --check failed:\n{result.stderr.rstrip()}']

    problems = []
    for kind in ('fuzzy', 'untranslated'):
        match = re.search(rf'(\d+) {kind}', result.stderr)
        if match:
            problems.append(f'{label}: {match.group(1)} {kind} message(s)')
    return problems


def template(root, tmpdir):
    pot = os.path.join(tmpdir, 'courant.pot')
    result = run(['xgettext', *XGETTEXT_ARGS, '--package-name=courant',
                  '--directory', root, '--files-from', os.path.join(root, 'po', 'POTFILES.in'),
                  '--output', pot])
    if result.returncode != 0:
        raise RuntimeError(f'xgettext failed:\n{result.stderr.rstrip()}')
    return pot


def stale(po_file, pot, tmpdir):
    merged = os.path.join(tmpdir, os.path.basename(po_file))
    result = run(['msgmerge', '--quiet', '--output-file', merged, po_file, pot])
    if result.returncode != 0:
        return [f'{po_file}: msgmerge failed:\n{result.stderr.rstrip()}']
    return incomplete(merged, f'{po_file} merged with the current sources')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    po_dir = os.path.join(root, 'po')

    languages = read_linguas(po_dir)
    existing = sorted(name[:-3] for name in os.listdir(po_dir) if name.endswith('.po'))
    if not existing:
        print('no translation yet')
        return 77

    problems = [f'po/{lang}.po: listed in po/LINGUAS but does not exist'
                for lang in languages if lang not in existing]
    problems += [f'po/{lang}.po: not listed in po/LINGUAS, so never built'
                 for lang in existing if lang not in languages]
    present = [os.path.join(po_dir, lang + '.po') for lang in existing]
    for po_file in present:
        problems += incomplete(po_file, po_file)

    with tempfile.TemporaryDirectory() as tmpdir:
        try:
            pot = template(root, tmpdir)
        except RuntimeError as e:
            problems.append(str(e))
        else:
            for po_file in present:
                problems += stale(po_file, pot, tmpdir)

    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Lists localizer keys used in Web/ (L["..."] / l["..."]) that have no Thai text in Web/Resources/*.th.json."""
import json, glob, re, sys
keys = set()
for f in glob.glob('Web/**/*.cs*', recursive=True):
    if '/obj/' in f or '/bin/' in f: continue
    for m in re.finditer(r'\b[Ll]\["((?:[^"\\]|\\.)*)"', open(f, encoding='utf-8').read()):
        keys.add(m.group(1).replace('\\"', '"'))
thai = {}
for f in glob.glob('Web/Resources/*.th.json'):
    thai.update(json.load(open(f, encoding='utf-8')))
missing = sorted(k for k in keys if k not in thai and not k.endswith(':'))
for k in missing: print(k)
sys.exit(1 if missing else 0)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""schema_validate.py SCHEMA FILE...: validate machine-type files against
Documentation/machine-type.schema.json with Debian's python3-jsonschema (a
real JSON Schema 2020-12 validator, not fwprobe's own loader). Prints one
line per file, "valid FILE" or "invalid FILE: where: why"; exit 0 when every
file is valid, 1 when one is not, 2 when the schema itself is broken."""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"{argv[1]}: not a valid JSON Schema: {e.message}", file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                instance = json.load(f)
        except (OSError, ValueError, RecursionError) as e:
            bad += 1
            print(f"invalid {path}: not JSON: {e}")
            continue
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        if errors:
            bad += 1
            where = "/".join(str(p) for p in errors[0].path) or "(top)"
            print(f"invalid {path}: {where}: {errors[0].message}")
        else:
            print(f"valid {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine-type schema and the command that checks files against it with
 * a real JSON Schema validator (schema_validate.py, Debian's
 * python3-jsonschema), for test_schema and the real-KVM tests alike.
 */
#ifndef FWP_TESTS_SCHEMA_VALIDATE_H
#define FWP_TESTS_SCHEMA_VALIDATE_H

#define SCHEMA		"Documentation/machine-type.schema.json"
#define VALIDATE	"/usr/bin/python3 tests/reporter/schema_validate.py " SCHEMA

#endif

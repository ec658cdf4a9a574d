#!/usr/bin/python3
"""Reads JSONL {"reader": schema, "writer": schema} on stdin; prints python3-avro's verdict per line.

Each output line is JSON: {"verdict": "compatible" | "incompatible" | "error", "types": [...],
"locations": [...], "messages": [...], "error": str}. "error" means python could not parse a schema
or its checker raised. Used by test/unit/compat-differential.test.ts (Debian's python3-avro, run
with /usr/bin/python3).
"""
import json
import sys
import warnings

import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType


def check(line):
    case = json.loads(line)
    try:
        reader = avro.schema.parse(json.dumps(case["reader"]))
        writer = avro.schema.parse(json.dumps(case["writer"]))
    except Exception as e:  # noqa: BLE001 - any parse failure is reported, not fatal
        return {"verdict": "error", "error": "parse: %s" % e}
    try:
        result = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
    except Exception as e:  # noqa: BLE001
        return {"verdict": "error", "error": "check: %s" % e}
    compatible = result.compatibility is SchemaCompatibilityType.compatible
    return {
        "verdict": "compatible" if compatible else "incompatible",
        "types": sorted({t.name.upper() for t in result.incompatibilities}),
        "locations": sorted(result.locations) if not compatible else [],
        "messages": sorted(result.messages) if not compatible else [],
    }


def main():
    # Unknown logical types are legal (readers ignore them); python3-avro warns about each one.
    warnings.simplefilter("ignore")
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(check(line)) + "\n")
    out.flush()


if __name__ == "__main__":
    main()

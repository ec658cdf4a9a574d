#!/usr/bin/python3
"""Times python3-avro on one reader/writer pair: avro.schema.parse of both texts plus
ReaderWriterCompatibilityChecker, `repeats` times. Usage: python_bench.py reader.avsc writer.avsc [repeats]

Prints one JSON line: {"ms": [...], "parse_ms": [...], "verdict": ..., "locations": [...]}.
"""
import json
import sys
import warnings
import time

import avro.schema
from avro.compatibility import ReaderWriterCompatibilityChecker, SchemaCompatibilityType


def main():
    # Unknown logical types are legal (readers ignore them); python3-avro warns about each one.
    warnings.simplefilter("ignore")
    reader_path, writer_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    with open(reader_path, encoding="utf-8") as f:
        reader_text = f.read()
    with open(writer_path, encoding="utf-8") as f:
        writer_text = f.read()
    total, parse = [], []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        reader = avro.schema.parse(reader_text)
        writer = avro.schema.parse(writer_text)
        parsed = time.perf_counter()
        result = ReaderWriterCompatibilityChecker().get_compatibility(reader, writer)
        end = time.perf_counter()
        total.append((end - start) * 1000)
        parse.append((parsed - start) * 1000)
    compatible = result.compatibility is SchemaCompatibilityType.compatible
    print(json.dumps({
        "ms": total,
        "parse_ms": parse,
        "verdict": "compatible" if compatible else "incompatible",
        "locations": sorted(result.locations) if not compatible else [],
    }))


if __name__ == "__main__":
    main()

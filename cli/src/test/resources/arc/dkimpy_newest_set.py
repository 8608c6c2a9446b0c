#!/usr/bin/python3
"""Checks the newest ARC set of a message with dkimpy's own ARC.verify_instance after removing the older sets:
the scope RFC 8617 §5.1.2 gives a cv=fail seal (its own set only, "as if this newest ARC Set was the only set
present"). dkimpy's arc_verify stops at a cv=fail seal without checking it; mailauth refuses its cv= first.

usage: dkimpy_newest_set.py DNS.json MSG
DNS.json is mailauth's cache format, {name: {"TXT": [["chunk", ...], ...]}}. Prints
"i=N as-valid=True|False ams-valid=True|False cv=..."; exit 0 iff both are valid.
"""
import json
import re
import sys

import dkim

ARC_FIELDS = {b"arc-seal", b"arc-message-signature", b"arc-authentication-results"}
INSTANCE = re.compile(br"[\s;]?i\s*=\s*(\d+)", re.IGNORECASE)


def main():
    zone = json.load(open(sys.argv[1]))
    txt = {name.lower().rstrip("."): "".join(records["TXT"][0]) for name, records in zone.items() if "TXT" in records}
    message = open(sys.argv[2], "rb").read()
    arc = dkim.ARC(message)
    newest, fields = arc.sorted_arc_headers()
    arc.headers = [(name, value) for name, value in arc.headers
                   if name.lower() not in ARC_FIELDS or int(INSTANCE.search(value).group(1)) == newest]
    result = arc.verify_instance([field for field in fields if field[0] == newest], newest,
                                 dnsfunc=lambda name, timeout=5: txt.get(name.decode().lower().rstrip("."), "").encode())
    print("i=%d as-valid=%s ams-valid=%s cv=%s" % (newest, result["as-valid"], result["ams-valid"],
                                                  result["cv"].decode()))
    return 0 if result["as-valid"] and result["ams-valid"] else 1


if __name__ == "__main__":
    sys.exit(main())

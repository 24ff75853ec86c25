#!/usr/bin/env python3
"""Parse every .eml file in DIR with Python's standard email package, as a baseline
for truce-bench. Files are read into memory first so only parsing is timed, the same
as on the Swift side. Walks every part: get_content() for text parts (decoded to str),
get_payload(decode=True) for the others, and get_body() for the text to show.

Prints one JSON object: {"messages": N, "bytes": B, "seconds": S}.
"""
import email.parser
import email.policy
import json
import os
import sys
import time


def main():
    directory = sys.argv[1]
    names = sorted(n for n in os.listdir(directory) if n.endswith(".eml"))
    blobs = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            blobs.append(f.read())
    parser = email.parser.BytesParser(policy=email.policy.default)
    checksum = 0
    start = time.perf_counter()
    for blob in blobs:
        message = parser.parsebytes(blob)
        checksum += len(str(message.get("subject", "")))
        for address_header in ("from", "to", "cc"):
            value = message.get(address_header)
            if value is not None:
                checksum += len(getattr(value, "addresses", ()))
        for part in message.walk():
            if part.is_multipart():
                continue
            try:
                if part.get_content_maintype() == "text":
                    checksum += len(part.get_content())
                else:
                    payload = part.get_payload(decode=True)
                    checksum += len(payload or b"")
            except Exception:
                checksum += 1
        body = message.get_body(preferencelist=("plain", "html"))
        if body is not None:
            try:
                checksum += len(body.get_content())
            except Exception:
                checksum += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"messages": len(blobs), "bytes": sum(len(b) for b in blobs),
                      "seconds": seconds, "checksum": checksum}))


if __name__ == "__main__":
    main()

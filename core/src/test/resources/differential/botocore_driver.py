"""Resolves credentials with botocore's default chain, one case per line.

Reads JSON lines on stdin: {"id": ..., "env": {...}, "profile": optional name given as --profile would}.
Answers one JSON line per case on stdout:
  {"id": ..., "ok": true, "method": "...", "access_key": "...", "secret_key": "...", "token": ..., "account_id": ...}
  {"id": ..., "ok": false, "error": "ExceptionClass"}
The process environment is replaced by the case's for the time of the case, so botocore reads only
the files and endpoints the case names. One botocore data loader serves every case (models load once).
"""
import json
import os
import sys

import botocore.loaders
import botocore.session

_loader = botocore.loaders.create_loader()
_base_env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TMPDIR")}


def resolve(case):
    os.environ.clear()
    os.environ.update(_base_env)
    os.environ.update(case["env"])
    session = botocore.session.Session(profile=case.get("profile"))
    session.register_component("data_loader", _loader)
    creds = session.get_credentials()
    if creds is None:
        return {"ok": False, "error": "NoCredentials"}
    frozen = creds.get_frozen_credentials()
    return {
        "ok": True,
        "method": getattr(creds, "method", None),
        "access_key": frozen.access_key,
        "secret_key": frozen.secret_key,
        "token": frozen.token,
        "account_id": getattr(frozen, "account_id", None),
    }


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        case = json.loads(line)
        try:
            answer = resolve(case)
        except Exception as e:  # every failure is an answer: the class name is what is compared
            answer = {"ok": False, "error": type(e).__name__}
        answer["id"] = case["id"]
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

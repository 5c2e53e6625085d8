"""Reads a YAML stream (a file, or - for stdin) and prints it as JSON, each document with the verdict
of kubernetes-validate (PyPI; the Kubernetes JSON schemas are bundled, so nothing is fetched).

  python k8s_documents.py --kubernetes-version 1.30 [--kubernetes-version 1.37] FILE|-

Output: [{"document": {...}, "validation": [{"version": "1.30", "status": "valid" | "invalid" |
"no-schema", "message": "..."}]}]. Strict: a field the schema does not know is invalid, as with the
API server's strict field validation. Run by infra/test/manifests.spec.ts with the interpreter of
the virtual environment that tools/infra/install.sh makes (.cache/k8s/venv).
"""

import argparse
import json
import sys

import yaml
from kubernetes_validate import utils


def verdict(document, version):
    try:
        utils.validate(document, version, strict=True)
        return {"version": version, "status": "valid", "message": ""}
    except utils.ValidationError as error:
        path = ".".join(str(item) for item in error.path)
        return {"version": version, "status": "invalid", "message": f"{path}: {error.message}"}
    except utils.SchemaNotFoundError as error:
        # Custom resources (Strimzi's): the spec validates them against the operator's CRDs.
        return {"version": version, "status": "no-schema", "message": error.message}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kubernetes-version", action="append", default=[])
    parser.add_argument("file")
    args = parser.parse_args()
    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    documents = [d for d in yaml.safe_load_all(text) if d]
    out = [{"document": d, "validation": [verdict(d, v) for v in args.kubernetes_version]} for d in documents]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

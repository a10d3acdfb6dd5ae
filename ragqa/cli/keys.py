"""`ragqa keys add|list|revoke`: the API keys of `ragqa serve` and the workspace each opens.

The store lives beside the index (ragqa.stores.keys); a running server reads it on every
request, so a key added or revoked here counts at once, without a restart.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ragqa.settings import Settings
from ragqa.stores.keys import SHARED, KeyStore, Role, keys_path


def register(subparsers: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add ``keys`` and its subcommands to the ``ragqa`` subparsers; returns its parser."""
    keys = subparsers.add_parser("keys", parents=[common], help="API keys and workspaces of `ragqa serve`")
    ksub = keys.add_subparsers(dest="keys_command", required=True)
    add = ksub.add_parser("add", parents=[common], help="make a key (shown once)")
    add.add_argument("name", help="the key's name: lowercase letters, digits, '-', '_'")
    add.add_argument("--workspace", required=True, help="the workspace the key opens (its uploads stay there)")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.READER.value,
                     help="reader: ask and read; editor: also upload and remove; admin: also every chat and "
                     "feedback entry of the workspace (default: reader)")
    ls = ksub.add_parser("list", parents=[common], help="list keys (never the keys themselves)")
    ls.add_argument("--json", action="store_true")
    rv = ksub.add_parser("revoke", parents=[common], help="revoke a key at once")
    rv.add_argument("name")
    return keys


def cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    store = KeyStore(keys_path(settings.index_dir))
    if args.keys_command == "add":
        token = store.add(args.name, args.workspace, args.role)
        print(token, flush=True)  # alone on stdout, so KEY=$(ragqa keys add ...) holds just the key
        print(f"key '{args.name}': {args.role} of workspace '{args.workspace}' (and reader of '{SHARED}'). "
              "This is the only time the key is shown; the server stores only its hash.", file=sys.stderr)
        return 0
    if args.keys_command == "list":
        keys = store.list()
        if args.json:
            print(json.dumps([{"name": k.name, "workspace": k.workspace, "role": k.role.value,
                               "created_at": k.created_at, "revoked_at": k.revoked_at} for k in keys], indent=1))
            return 0
        for k in keys:
            print(f"{k.name}\t{k.workspace}\t{k.role.value}\t{k.created_at}\t"
                  f"{'revoked ' + k.revoked_at if k.revoked_at else 'active'}")
        print(f"{sum(k.active for k in keys)} active keys, {len(keys)} in all")
        return 0
    if not store.revoke(args.name):
        raise ValueError(f"no active key named '{args.name}'; `ragqa keys list` shows them")
    print(f"revoked '{args.name}'; a running server refuses it from the next request")
    return 0

"""Helix cannot be installed here: check that editors/helix/languages.toml parses and
declares the newsdump language, its file types, and the newsdump-ls server.
Prints one `ok`/`not ok` line per check; exits 1 when any failed."""

import pathlib
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
failed = 0


def check(name, ok, detail=""):
    global failed
    if ok:
        print(f"ok - helix: {name}")
    else:
        failed += 1
        print(f"not ok - helix: {name}: {detail}")


try:
    config = tomllib.loads((ROOT / "editors/helix/languages.toml").read_text(encoding="utf-8"))
except (OSError, tomllib.TOMLDecodeError) as e:
    check("languages.toml parses", False, e)
    sys.exit(1)
check("languages.toml parses", True)

languages = [lang for lang in config.get("language", []) if lang.get("name") == "newsdump"]
check("declares the newsdump language", len(languages) == 1, config.get("language"))
lang = languages[0] if languages else {}

file_types = lang.get("file-types", [])
check(
    "file types: newsdump and the glob *.dump.txt",
    "newsdump" in file_types and {"glob": "*.dump.txt"} in file_types,
    file_types,
)
check(
    "the language uses the newsdump-ls server",
    lang.get("language-servers") == ["newsdump-ls"],
    lang.get("language-servers"),
)
server = config.get("language-server", {}).get("newsdump-ls", {})
check("the server runs newsdump-ls", server.get("command") == "newsdump-ls", server)
check(
    "the server config is a table (initializationOptions)",
    isinstance(server.get("config", {}), dict),
    server.get("config"),
)

sys.exit(1 if failed else 0)

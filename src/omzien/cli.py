"""The `omzien` command: Django's management commands under the project's own name.

omzien migrate
omzien load_demo
omzien totp_code demo-coordinator@omzien.invalid
omzien hsds-import PATH      (hyphens and underscores are the same)
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omzien.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "omzien"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()

"""Entry script of the frozen app (PyInstaller needs a file, not an entry point).

The same `main()` as the `mock-interview` command installed from the wheel: the desktop app with no
arguments, `--self-test` and the headless subcommands otherwise. `main()` calls
`multiprocessing.freeze_support()` first, so worker processes of a frozen build start correctly.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The ``textmill`` command (the wheel's console script, and ``python -m textmill``): the Rust
command line itself, run inside this process."""

import signal
import sys


def main() -> None:
    from ._native import cli

    # Ctrl-C stops the command at once, as it stops the native binary: a corpus run is made to
    # be killed and resumed, and Python's handler would only see the signal after the run.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(cli(["textmill", *sys.argv[1:]]))


if __name__ == "__main__":
    main()

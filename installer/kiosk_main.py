"""Entry point of the frozen kiosk (installer/kiosk.spec): the same as ``python -m kiosk``."""

from kiosk.cli import main

if __name__ == "__main__":
    main()

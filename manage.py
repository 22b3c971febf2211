#!/usr/bin/env python
"""Django's command-line utility; `odop` (the console script) does the same."""

from odop.cli import main

if __name__ == "__main__":
    main()

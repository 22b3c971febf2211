"""Where the project lives and how settings read the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env (git-ignored) may hold overrides; .env.example lists every variable.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

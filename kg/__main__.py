"""``python -m kg``."""

from kg.cli import run

if __name__ == "__main__":  # kg serve's query processes import this module again (multiprocessing spawn)
    run()

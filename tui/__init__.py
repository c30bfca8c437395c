"""loosen: a keyboard-driven terminal companion for upper-back mobility warm-ups."""

__version__ = "0.1.0"

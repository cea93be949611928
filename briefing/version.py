"""The package's version, written once: the package, its PDFs and pyproject.toml read it."""

__version__ = "0.1.0"

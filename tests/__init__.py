"""The test suite: a package, so pytest and the tests import one copy of each helper."""

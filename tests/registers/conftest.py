from tests.results.conftest import agency

__all__ = ["agency"]

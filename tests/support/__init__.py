"""What the tests share: small projects built with Sphinx (``projects``) and the text of
the pages they make (``pages``). Fixtures are in ``tests/conftest.py``; sample SOPs and
their defects in ``tests/samples/``."""

"""Pages not saved as UTF-8, as editors set to Windows-1250 (Hungarian) or Windows-1252
(Portuguese) save them: each reported at its first byte that is not UTF-8, with how to
fix it, and read anyway (the byte shown as �), so that the rest of the library is read
and checked in the same build instead of stopping at a traceback.
"""

from __future__ import annotations

import codecs

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.i18n import say
from ..model.problems import Finding, Problem, report

#: The encoding Sphinx reads pages with: UTF-8 (with or without its byte-order mark),
#: a byte that is not UTF-8 read as �. Sphinx's own, utf-8-sig, stops at such a byte.
CODEC = "sop-utf-8"
UTF8_SIG = codecs.lookup("utf-8-sig")


class _Decoder(UTF8_SIG.incrementaldecoder):  # type: ignore[name-defined, misc]
    """utf-8-sig's decoder that replaces what is not UTF-8, whatever it is asked."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _codec(name: str) -> codecs.CodecInfo | None:
    if name != CODEC.replace("-", "_"):
        return None
    return codecs.CodecInfo(
        name=CODEC,
        encode=UTF8_SIG.encode,
        decode=lambda data, *_errors: UTF8_SIG.decode(data, "replace"),
        incrementalencoder=UTF8_SIG.incrementalencoder,
        incrementaldecoder=_Decoder,
        streamreader=UTF8_SIG.streamreader,
        streamwriter=UTF8_SIG.streamwriter,
    )


def not_utf8(data: bytes) -> Finding | None:
    """Where a file's text stops being UTF-8, if it does."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Finding(
            line,
            Problem.ENCODING,
            say(
                "the file is not saved as UTF-8: byte %(byte)s on line %(line)d is not a UTF-8 "
                "character (an editor set to Windows-1250 or Windows-1252 saves accented "
                "letters so); save the file as UTF-8 and write the letter again",
                byte=f"0x{data[error.start]:02X}",
                line=line,
            ),
        )
    return None


def check_encodings(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report every page about to be read that is not UTF-8, and have Sphinx read it with
    CODEC (its setting, not conf.py's source_encoding, which Sphinx 9 wants UTF-8)."""
    if env.settings["input_encoding"] == "utf-8-sig":
        env.settings["input_encoding"] = CODEC
    for docname in docnames:
        finding = not_utf8(env.doc2path(docname).read_bytes())
        if finding is not None:
            report(finding, docname)


def setup(app: Sphinx) -> None:
    codecs.register(_codec)
    app.connect("env-before-read-docs", check_encodings)

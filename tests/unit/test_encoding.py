"""Pages not saved as UTF-8: where they stop being UTF-8, and the codec that reads them
all the same (checks.encoding)."""

from __future__ import annotations

import io

import pytest

from soplib.checks.encoding import CODEC, _codec, not_utf8
from soplib.model.problems import Problem


@pytest.mark.parametrize(
    ("data", "line", "byte"),
    [
        (b"caf\xe9\n", 1, "0xE9"),
        (b"ab\ncd\nCaf\xe9 \xe8\n", 3, "0xE9"),
        ("Lépés\n".encode() + b"\x8a\n", 2, "0x8A"),
    ],
)
def test_a_file_not_utf8_is_said_at_the_line_of_its_first_foreign_byte(data, line, byte):
    finding = not_utf8(data)
    assert finding is not None
    assert (finding.line, finding.problem) == (line, Problem.ENCODING)
    assert finding.message == (
        f"the file is not saved as UTF-8: byte {byte} on line {line} is not a UTF-8 "
        "character (an editor set to Windows-1250 or Windows-1252 saves accented letters "
        "so); save the file as UTF-8 and write the letter again"
    )


def test_a_utf8_file_is_fine():
    assert not_utf8("Lépés\n".encode()) is None
    assert not_utf8(b"") is None


def test_the_codec_reads_what_is_not_utf8_as_replacement_characters():
    codec = _codec(CODEC.replace("-", "_"))  # the name as Python looks it up
    assert codec is not None and codec.name == CODEC
    assert codec.decode(b"\xef\xbb\xbfCaf\xe9", "strict") == ("Caf\ufffd", 7)
    decoder = codec.incrementaldecoder("strict")
    assert decoder.decode(b"Caf\xe9", final=True) == "Caf\ufffd"
    assert codec.encode("Café") == ("Café".encode("utf-8-sig"), 4)


@pytest.mark.parametrize("name", ["utf_8", "sop-utf-8", "sop_utf8", "latin_1"])
def test_the_codec_answers_to_its_name_alone(name):
    assert _codec(name) is None


def test_the_codec_reads_and_writes_streams_as_utf8_with_its_mark():
    codec = _codec("sop_utf_8")
    assert codec is not None
    assert codec.incrementalencoder().encode("é", final=True) == "é".encode("utf-8-sig")
    written = io.BytesIO()
    codec.streamwriter(written).write("é")
    assert written.getvalue() == "é".encode("utf-8-sig")
    assert codec.streamreader(io.BytesIO("\ufeffé".encode())).read() == "é"
    assert codec.decode(b"Caf\xe9") == ("Caf\ufffd", 4)  # whatever the errors asked

import codecs

import pytest

from provcheck.readers.decode import CONTROL_RATIO, NotText, _looks_binary, decode


def test_utf8_text_is_decoded_without_warnings():
    result = decode("Café owners met on Tuesday.\n".encode())
    assert result.text == "Café owners met on Tuesday.\n"
    assert result.encoding == "utf-8"
    assert result.warnings == ()


def test_crlf_line_endings_are_normalised():
    assert decode(b"one\r\ntwo\rthree\n").text == "one\ntwo\nthree\n"


def test_utf8_bom_is_stripped():
    result = decode(codecs.BOM_UTF8 + b"Headline\n")
    assert result.text == "Headline\n"


def test_utf16_with_bom_is_read():
    result = decode("Harbour news\n".encode("utf-16"))
    assert result.text == "Harbour news\n"


def test_undecodable_bytes_are_replaced_with_a_warning():
    result = decode(b"The mayor said \xff\xfe it was fine.\n")
    assert "\ufffd" in result.text
    assert "mayor said" in result.text
    assert len(result.warnings) == 1
    assert "undecodable" in result.warnings[0]


@pytest.mark.parametrize("data", [b"", b"   \n\n\t "])
def test_empty_files_are_not_text(data):
    with pytest.raises(NotText, match="empty"):
        decode(data)


def test_binary_files_are_not_text():
    with pytest.raises(NotText, match="binary"):
        decode(b"%PDF-1.7\x00\x01\x02\x03" + bytes(range(256)))


@pytest.mark.parametrize(
    "head",
    [b"plain words\n", b"\x01" * 11 + b"a" * 89, b"\x01" * 10 + b"a" * 90, b"\t\n\x0c\r\x1b" * 30],
)
def test_control_bytes_are_counted_like_a_byte_by_byte_count(head):
    by_hand = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    assert _looks_binary(head) == (by_hand / len(head) > CONTROL_RATIO)


def test_a_tenth_of_control_bytes_is_still_text_but_more_is_binary():
    assert not _looks_binary(b"\x01" * 10 + b"a" * 90)
    assert _looks_binary(b"\x01" * 11 + b"a" * 89)

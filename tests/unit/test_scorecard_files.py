"""The CSV files of a QA scorecard, as spreadsheets open them: the separator Excel expects
in the site's language, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

from soplib.site.scorecard_files import csv_text, separator


def test_the_separator_is_a_semicolon_where_decimals_take_a_comma():
    languages = ("en", "en_GB", "hu", "pt", "pt_BR", "de", "xx")
    assert [separator(language) for language in languages] == [",", ",", ";", ";", ";", ";", ","]


def test_the_file_starts_with_a_byte_order_mark_and_its_lines_end_in_crlf():
    assert csv_text([["Kérdés", "ç"], ["1", "2"]], "hu") == "\ufeffKérdés;ç\r\n1;2\r\n"


def test_a_cell_a_spreadsheet_would_run_is_written_as_text():
    written = csv_text([['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "Agent: =ok"]], "en")
    assert written == '\ufeff"\'=HYPERLINK(""http://x"")",\'+1,\'-1,\'@SUM(A1),Agent: =ok\r\n'

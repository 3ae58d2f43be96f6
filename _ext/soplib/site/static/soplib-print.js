// Paper and PDF: the printed sheet's running header and footer.

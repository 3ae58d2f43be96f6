"""The change report: what a change does to the library, for the pull request.

``make impact BASE=<git revision>`` builds the library as it was at BASE and as it is
in the working tree, both with today's configuration and checks (:mod:`.builds`),
compares the two ``library.json`` exports (:mod:`.compare`), prints a Markdown report
fit for a pull-request comment (:mod:`.markdown`) and writes the same as JSON. For each
SOP added or changed it names the kind of change, the version to write and the status
to set (:mod:`.rules`, the rule of CONTRIBUTING.md, section 4). It exits non-zero when
the change breaks a rule:

- an SOP whose content changed raises its version as far as its kind of change asks:
  the patch number for wording, the minor number for a step added or changed, the
  major number for a step removed or a new scope; a new SOP goes for review as 1.0.0;
- a change declared editorial (``editorial: true`` in the front matter) is wording
  only, raises the patch number only, and asks for no retraining;
- an SOP added, changed or set to ``approved`` is ``approved`` only with the approval
  stamp of its content (``make approve``); until then it is ``in-review``.

Content is compared with white space folded: rewrapping a paragraph is no change.
"""

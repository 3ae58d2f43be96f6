"""What the generated parts of a page read: the SOPs and the needs of the trace, in the
order a reader expects, with names and links relative to the page being written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import init as init_locale
from sphinx.util.i18n import docname_to_domain
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.need_item import NeedItem

from ..model.dates import today
from ..model.i18n import _
from ..model.in_force import Standing, standing
from ..model.outline import step_numbers
from ..model.records import SopRecord, sop_records
from ..model.scorecard import agent_facing
from ..model.store import Slot
from ..model.translations import is_translation, shown_as_written
from .blocks import joined

#: The generated page of each role, by role id.
ROLE_PAGE = "roles/{}"
#: Where each SOP page stands today, by docname, and the steps of those in force: worked
#: out once per build, when the pages have been read.
STANDINGS: Slot[dict[str, Standing]] = Slot("sop_standings", dict)
IN_FORCE_STEPS: Slot[set[str]] = Slot("sop_in_force_steps", set)
NOT_IN_FORCE: Slot[set[str]] = Slot("sop_not_in_force", set)


class Library:
    """What the views read, and links relative to the page being written."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app, self.env, self.page = app, app.env, pagename
        self.needs = SphinxNeedsData(self.env).get_needs_view()
        self.uris: dict[str, str] = {}

    @cached_property
    def records(self) -> dict[str, SopRecord]:
        """The SOP pages, in the order of their ids."""
        return dict(
            sorted(sop_records(self.env).items(), key=lambda item: item[1].meta.get("id", item[0]))
        )

    @property
    def standings(self) -> dict[str, Standing]:
        """Where each SOP page stands today (:mod:`soplib.model.in_force`)."""
        return STANDINGS.of(self.app)

    @cached_property
    def in_force(self) -> dict[str, SopRecord]:
        """The SOP pages in force, in the order of their ids: what agents read."""
        return {d: r for d, r in self.records.items() if self.standings[d].in_force}

    @property
    def in_force_step_ids(self) -> set[str]:
        """The ids of the steps of the SOPs in force."""
        return IN_FORCE_STEPS.of(self.app)

    @cached_property
    def numbers(self) -> dict[str, str]:
        """Every step's number on its page (worked out only for the views that show it)."""
        return {
            step_id: number
            for record in self.records.values()
            for step_id, number in step_numbers(record.steps).items()
        }

    @cached_property
    def agent_facing(self) -> dict[str, str]:
        """The roles whose steps QA scores, by id, with their names."""
        return agent_facing(self.needs)

    def of_type(self, kind: str) -> list[NeedItem]:
        return sorted(
            (n for n in self.needs.values() if n["type"] == kind),
            key=lambda n: n["title"].casefold(),
        )

    def steps(self) -> Iterator[tuple[str, NeedItem]]:
        """Every step of the SOPs in force with its SOP page, in the SOPs' and pages'
        order."""
        for docname, record in self.in_force.items():
            for step in record.steps:
                if step.id in self.needs:
                    yield docname, self.needs[step.id]

    def link_counts(self, link: str) -> dict[str, int]:
        """How many steps name each catalog entry through a link."""
        counts: dict[str, int] = defaultdict(int)
        for _doc, step in self.steps():
            for target in step[link]:
                counts[target] += 1
        return counts

    def field(self, need_id: str, name: str) -> str:
        """A field of a catalog entry, as text ('' if the entry or the field is missing)."""
        return str(self.needs[need_id].get(name) or "") if need_id in self.needs else ""

    def link(self, text: str, docname: str, anchor: str = "") -> nodes.reference:
        uri = self.uri(docname) + (f"#{anchor}" if anchor else "")
        return nodes.reference("", text, internal=True, refuri=uri)

    def uri(self, docname: str) -> str:
        """The address of a page, relative to the page being written."""
        if docname not in self.uris:
            self.uris[docname] = self.app.builder.get_relative_uri(self.page, docname)
        return self.uris[docname]

    def need(self, need_id: str) -> nodes.Node:
        need = self.needs.get(need_id)
        if need is None or not need["docname"]:
            return nodes.Text(need_id)
        if need["type"] == "role":
            return self.link(need["title"], ROLE_PAGE.format(need_id))
        return self.link(need["title"], need["docname"], need_id)

    def needs_list(self, ids: Sequence[str]) -> list[nodes.Node]:
        return joined([self.need(need_id) for need_id in ids])

    def step(self, docname: str, step: NeedItem) -> nodes.reference:
        label = _("Step %(number)s: %(title)s") % {
            "number": self.numbers.get(step["id"], ""),
            "title": step["title"],
        }
        return self.link(label, docname, step["id"])

    def title(self, docname: str) -> str:
        """A page's title as its page shows it (in a translated edition, translated)."""
        title = self.env.titles.get(docname)
        return title.astext() if title else str(self.records[docname].meta.get("title", ""))

    def written_title(self, docname: str) -> str:
        """A page's title as written, for data files: its front matter's, in a translated
        edition its translation in the page's catalog; not with the typographic quotes
        Sphinx gives the page (``smartquotes``: "caller’s" for "caller's")."""
        title = str(self.records[docname].meta.get("title", ""))
        config = self.env.config
        if not is_translation(config):
            return title
        dirs = [str(Path(self.env.srcdir) / folder) for folder in config.locale_dirs]
        domain = docname_to_domain(docname, config.gettext_compact)
        catalog, found = init_locale(dirs, config.language, domain)
        return catalog.gettext(title) if found else title

    def sop(self, docname: str) -> nodes.reference:
        """A link to an SOP, by its id and title."""
        sop_id = self.records[docname].meta.get("id", docname)
        return self.title_link(docname, f"{sop_id} {self.title(docname)}".strip())

    def title_link(self, docname: str, text: str | None = None) -> nodes.reference:
        """A link to a page by its title (or a text holding it), marked with the language
        the title is shown in when that is not the edition's."""
        link = self.link(self.title(docname) if text is None else text, docname)
        written_title = str(self.records[docname].meta.get("title", ""))
        if written := shown_as_written(self.app, docname, written_title):
            link["classes"].append(f"language-{written}")
        return link

    def area(self, docname: str) -> str:
        index = docname.rsplit("/", 1)[0] + "/index"
        title = self.env.titles.get(index)
        return title.astext() if title else docname.split("/")[1]


def approval(record: SopRecord) -> str:
    """Whether the content is the content last approved (make approve stamps it)."""
    stamp = record.meta.get("approved_fingerprint")
    if stamp is None:
        return _("not stamped")
    return _("as approved") if stamp == record.fingerprint else _("changed since approval")


def distinct(ids: Iterable[str]) -> list[str]:
    """The ids in their first order, each once."""
    return list(dict.fromkeys(ids))


def weigh_standings(app: Sphinx, env: BuildEnvironment) -> None:
    """Work out where each SOP stands today, once the pages are read."""
    day = today(app.config)
    records = sop_records(env)
    standings = {d: standing(r.meta, day) for d, r in records.items()}
    STANDINGS.set(app, standings)
    IN_FORCE_STEPS.set(
        app, {s.id for d, r in records.items() if standings[d].in_force for s in r.steps}
    )
    NOT_IN_FORCE.set(app, {d for d, s in standings.items() if not s.in_force})


def setup(app: Sphinx) -> None:
    app.connect("env-updated", weigh_standings, priority=400)  # before the views use it

// soplib's behaviour of the pages. In a block of its own: Sphinx's scripts declare
// names of their own (such as _) at the top level of the page.
{
// The words of this script, in the page's language (Sphinx's translations.js has them).
const _ = (text) => (typeof Documentation === "undefined" ? text : Documentation.gettext(text));

// The views' tables: a filter box above each filterable table (every word typed must
// appear in a row for it to stay), and columns sorted by a click on their heading, in
// the order of the page's language. The box goes above the theme's scrolling box of the
// table, which would cut off its focus ring.
for (const table of document.querySelectorAll("table.sop-filterable")) {
  const box = document.createElement("input");
  box.type = "search";
  box.className = "sop-filter form-control";
  box.placeholder = _("Filter the table");
  box.setAttribute("aria-label", _("Filter the table"));
  (table.closest(".pst-scrollable-table-container") || table).before(box);
  box.addEventListener("input", () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((word) => text.includes(word));
    }
  });
}

// The language switcher (soplib.site.editions): each edition's link keeps the reader's
// place, the step they are on (#STEP_...) and what they searched for (?q=...).
for (const link of document.querySelectorAll(".sop-editions a[hreflang]")) {
  const page = link.getAttribute("href");
  const keepPlace = () => { link.href = page + window.location.search + window.location.hash; };
  keepPlace();
  window.addEventListener("hashchange", keepPlace);
  link.addEventListener("click", keepPlace);
}

const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
for (const table of document.querySelectorAll("table.sop-sortable")) {
  const headings = [...table.tHead.querySelectorAll("th")];
  headings.forEach((heading, column) => {
    heading.tabIndex = 0;
    heading.setAttribute("aria-sort", "none");
    const sort = () => {
      const ascending = heading.getAttribute("aria-sort") !== "ascending";
      headings.forEach((other) => other.setAttribute("aria-sort", "none"));
      heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const cell = (row) => row.cells[column].textContent.trim();
      const rows = [...table.tBodies[0].rows].sort(
        (a, b) => collator.compare(cell(a), cell(b)) * (ascending ? 1 : -1));
      table.tBodies[0].append(...rows);
    };
    heading.addEventListener("click", sort);
    heading.addEventListener("keydown", (event) => { if (event.key === "Enter") sort(); });
  });
}
}

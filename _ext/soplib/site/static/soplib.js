// soplib's behaviour of the pages. In a block of its own: Sphinx's scripts declare
// names of their own (such as _) at the top level of the page.
{
// The words of this script, in the page's language (Sphinx's translations.js has them).
const _ = (text) => (typeof Documentation === "undefined" ? text : Documentation.gettext(text));

// A click on a step's box in a diagram goes to that step's text on the page.
// Mermaid names a flowchart box's element "...flowchart-<box id>-<n>"; a box whose id
// is a step on this page links to it. Works in the full-screen view too, which it closes.
document.addEventListener("click", (event) => {
  const box = event.target.closest("g.node");
  const match = box && /flowchart-(STEP_[A-Z0-9_]+)-\d+$/.exec(box.id);
  if (!match || !document.getElementById(match[1])) return;
  event.preventDefault();
  if (document.querySelector(".mermaid-fullscreen-modal.active")) {
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
  }
  window.location.hash = match[1];
});


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

// sphinxcontrib-mermaid names its full-screen controls in English as it makes them;
// they are named again in the page's language (attribute changes do not wake the observer).
const mermaidLabels = {
  ".mermaid-fullscreen-btn": _("View the diagram full screen"),
  ".mermaid-fullscreen-close": _("Close the full-screen diagram"),
  ".mermaid-fullscreen-modal": _("Diagram, full screen"),
};
const labelMermaidControls = () => {
  for (const [selector, label] of Object.entries(mermaidLabels)) {
    for (const control of document.querySelectorAll(selector)) {
      if (control.getAttribute("aria-label") !== label) control.setAttribute("aria-label", label);
    }
  }
};
new MutationObserver(labelMermaidControls).observe(document.body, { childList: true, subtree: true });
labelMermaidControls();
}

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
// appear in a row for it to stay), and columns sorted by a click on their heading.
for (const table of document.querySelectorAll("table.sop-filterable")) {
  const box = document.createElement("input");
  box.type = "search";
  box.className = "sop-filter form-control";
  box.placeholder = "Filter the table";
  box.setAttribute("aria-label", "Filter the table");
  table.before(box);
  box.addEventListener("input", () => {
    const words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const row of table.tBodies[0].rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((word) => text.includes(word));
    }
  });
}

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
        (a, b) => cell(a).localeCompare(cell(b), undefined, { numeric: true }) * (ascending ? 1 : -1));
      table.tBodies[0].append(...rows);
    };
    heading.addEventListener("click", sort);
    heading.addEventListener("keydown", (event) => { if (event.key === "Enter") sort(); });
  });
}

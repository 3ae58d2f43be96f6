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

// Diagrams: drawn by Mermaid, served from the site as a classic script so that they
// render from a web server and from disk (file://) alike. A step's box is a link to the
// step, by mouse and by keyboard; each diagram opens full screen in a dialog.
// When every diagram of the page is drawn, <html data-sop-diagrams="ready"> (make pdf
// waits for it). In a block of its own: Sphinx's scripts declare names such as _.
{
const _ = (text) => (typeof Documentation === "undefined" ? text : Documentation.gettext(text));
// Mermaid names a flowchart box's element "...flowchart-<box id>-<n>".
const STEP_BOX = /flowchart-(STEP_[A-Z0-9_]+)-\d+$/;

// The step a box stands for, if that step is on this page.
const stepOf = (box) => {
  const match = box && STEP_BOX.exec(box.id);
  return match && document.getElementById(match[1]) ? match[1] : null;
};

// Go to a step's text, and take the keyboard focus there.
const goToStep = (stepId) => {
  const open = document.querySelector("dialog.sop-diagram-dialog[open]");
  if (open) open.close("step");
  window.location.hash = stepId;
  const step = document.getElementById(stepId);
  if (!step.hasAttribute("tabindex")) step.tabIndex = -1;
  step.focus({ preventScroll: true });
};

// Every box that stands for a step on this page: reachable by Tab, named, a link.
const linkStepBoxes = (svg) => {
  for (const box of svg.querySelectorAll("g.node")) {
    if (!stepOf(box)) continue;
    box.tabIndex = 0;
    box.setAttribute("role", "link");
    box.setAttribute("aria-label", box.textContent.trim().replace(/\s+/g, " "));
  }
};

document.addEventListener("click", (event) => {
  const stepId = stepOf(event.target.closest && event.target.closest("g.node"));
  if (!stepId) return;
  event.preventDefault();
  goToStep(stepId);
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" && event.key !== " ") return;
  const stepId = stepOf(event.target.closest && event.target.closest("g.node"));
  if (!stepId) return;
  event.preventDefault();
  goToStep(stepId);
});

// Full screen: the diagram moves into a modal dialog (which holds the keyboard focus and
// closes with Escape), and back when it closes; the focus returns to the button, unless
// a step's box was chosen.
let dialog = null;
const fullScreenDialog = () => {
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.className = "sop-diagram-dialog";
  dialog.setAttribute("aria-label", _("Diagram, full screen"));
  const close = document.createElement("button");
  close.type = "button";
  close.className = "sop-diagram-close";
  close.textContent = "×";
  close.setAttribute("aria-label", _("Close the full-screen diagram"));
  close.addEventListener("click", () => dialog.close());
  const body = document.createElement("div");
  body.className = "sop-diagram-dialog-body";
  dialog.append(close, body);
  // Escape closes it (Sphinx's page script stops the browser's own Escape); Tab and
  // Shift+Tab go round the dialog's controls, never out to the browser's own.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") dialog.close();
    if (event.key !== "Tab") return;
    const controls = [...dialog.querySelectorAll("button, [tabindex='0']")];
    const edge = event.shiftKey ? controls[0] : controls[controls.length - 1];
    if (document.activeElement !== edge) return;
    event.preventDefault();
    (event.shiftKey ? controls[controls.length - 1] : controls[0]).focus();
  });
  document.body.append(dialog);
  return dialog;
};

const openFullScreen = (button) => {
  const pre = button.closest("figure").querySelector("pre.mermaid");
  const svg = pre.querySelector("svg");
  if (!svg) return;
  const shown = fullScreenDialog();
  shown.querySelector(".sop-diagram-dialog-body").append(svg);
  shown.addEventListener("close", () => {
    pre.append(svg);
    if (shown.returnValue !== "step") button.focus();
  }, { once: true });
  shown.returnValue = "";
  shown.showModal();
};

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button.sop-diagram-fullscreen");
  if (button) openFullScreen(button);
});

const drawAll = async () => {
  const diagrams = [...document.querySelectorAll("pre.mermaid")];
  if (diagrams.length && typeof mermaid !== "undefined") {
    mermaid.initialize({
      startOnLoad: false,
      // No script, link or HTML of a diagram runs: a diagram is content, not code.
      securityLevel: "strict",
      theme: "default",
      flowchart: { useMaxWidth: false },
    });
    try {
      await mermaid.run({ nodes: diagrams, suppressErrors: true });
    } catch (error) {
      console.error(error);
    }
    for (const pre of diagrams) {
      const svg = pre.querySelector("svg");
      if (!svg) continue;
      svg.setAttribute("aria-label", pre.closest("figure").getAttribute("aria-label"));
      linkStepBoxes(svg);
    }
  }
  document.documentElement.dataset.sopDiagrams = "ready";
};

drawAll();
}

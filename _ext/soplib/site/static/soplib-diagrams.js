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
  const boxes = [...svg.querySelectorAll("g.node")].filter(stepOf);
  for (const box of boxes) {
    box.tabIndex = 0;
    box.setAttribute("role", "link");
    box.setAttribute("aria-label", box.textContent.trim().replace(/\s+/g, " "));
  }
  inStepOrder(svg, boxes);
};

// Tab follows the steps' order on the page, not the order Mermaid drew the boxes in: the
// boxes, or the groups holding them (a trace diagram's rows), are put in that order among
// their siblings. Boxes do not overlap, so the drawing looks the same.
const inStepOrder = (svg, boxes) => {
  const steps = boxes.map((box) => document.getElementById(stepOf(box)));
  const rank = new Map(boxes.map((box, i) => [box, steps.filter(
    (step) => step.compareDocumentPosition(steps[i]) & Node.DOCUMENT_POSITION_FOLLOWING).length]));
  const first = (part) => Math.min(...boxes.filter((box) => part.contains(box)).map((box) => rank.get(box)));
  const order = (group) => {
    const parts = [...group.children].filter((part) => boxes.some((box) => part.contains(box)));
    parts.sort((a, b) => first(a) - first(b));
    group.append(...parts);
    parts.filter((part) => !rank.has(part)).forEach(order);
  };
  order(svg);
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
  frames.observe(body);
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

// The smallest size a diagram's text is drawn at, in CSS pixels. A diagram is shrunk to
// fit its column or the window, never below this: wider, it scrolls sideways (a phone).
const SMALLEST_TEXT = 12;
// The width at which the diagram's smallest text is SMALLEST_TEXT, and its proportions,
// for soplib-diagrams.css.
const legibleSize = (svg) => {
  const box = svg.viewBox.baseVal;
  const sizes = [...svg.querySelectorAll("text, foreignObject *")]
    .filter((text) => text.textContent.trim())
    .map((text) => parseFloat(getComputedStyle(text).fontSize));
  if (!box || !box.width || !sizes.length) return;
  const width = (box.width * SMALLEST_TEXT) / Math.min(...sizes);
  svg.style.setProperty("--sop-diagram-min-width", `${Math.ceil(width)}px`);
  svg.style.setProperty("--sop-diagram-ratio", String(box.width / box.height));
};

// A frame whose diagram is wider or taller than it scrolls: it then takes the keyboard
// focus, so that the arrow keys scroll it, and is a named region.
const frames = new ResizeObserver((entries) => {
  for (const { target: frame } of entries) {
    const scrolls = frame.scrollWidth > frame.clientWidth + 1 || frame.scrollHeight > frame.clientHeight + 1;
    if (scrolls && !frame.hasAttribute("tabindex")) {
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", frame.closest("figure, dialog").getAttribute("aria-label"));
    } else if (!scrolls) {
      for (const name of ["tabindex", "role", "aria-label"]) frame.removeAttribute(name);
    }
  }
});

// Paper: the diagram cut into bands across its width, between rows of boxes, each band a
// copy of the drawing showing its part; soplib-print.css prints the bands, one under the
// other, in place of the diagram. A page then ends between two rows of boxes, never
// through one, and a diagram taller than what is left of a page starts on it.
// Nothing for a diagram not shown (its place on the page unknown): it prints whole.
const printCopy = (svg) => {
  const view = svg.viewBox.baseVal;
  const screen = svg.getScreenCTM();
  if (!screen || !view || !view.height) return null;
  const cuts = cutsOf(svg, view, screen);
  const bands = document.createElement("div");
  bands.className = "sop-diagram-print";
  bands.setAttribute("aria-hidden", "true");
  bands.style.setProperty("--sop-diagram-width", `${view.width}px`);
  bands.append(...cuts.slice(1).map((end, n) => band(svg, view, `${svg.id}-print${n}`, cuts[n], end)));
  return bands;
};

// Where the diagram may be cut across, in its own units: its top, the middle of each gap
// between rows of boxes, labels and frames, and its bottom.
const cutsOf = (svg, view, screen) => {
  const toView = screen.inverse();
  const spans = [...svg.querySelectorAll("g.node, g.edgeLabel, g.cluster")].map((part) => {
    const box = part.getBBox();
    const place = toView.multiply(part.getScreenCTM() || screen);
    const top = place.f + place.d * box.y;
    return [top, top + place.d * box.height];
  }).filter(([top, bottom]) => bottom > top).sort((a, b) => a[0] - b[0]);
  const cuts = [view.y];
  let bottom = view.y;
  for (const [top, end] of spans) {
    if (top > bottom && bottom > view.y) cuts.push((top + bottom) / 2);
    bottom = Math.max(bottom, end);
  }
  return [...cuts, view.y + view.height];
};

// A copy of the drawing showing its band from top to end: ids of its own (Mermaid's style
// and arrowheads are named by the drawing's id), no links or names for the keyboard.
const band = (svg, view, id, top, end) => {
  const copy = svg.cloneNode(true);
  const style = copy.querySelector("style");
  if (style) style.textContent = style.textContent.replaceAll(`#${svg.id}`, `#${id}`);
  for (const part of copy.querySelectorAll("[id]")) {
    if (part.id.startsWith(svg.id)) part.id = part.id.replace(svg.id, id);
    else part.removeAttribute("id");
  }
  for (const marker of ["marker-start", "marker-end"]) {
    for (const part of copy.querySelectorAll(`[${marker}]`)) {
      part.setAttribute(marker, part.getAttribute(marker).replace(svg.id, id));
    }
  }
  for (const name of ["tabindex", "role", "aria-label", "aria-roledescription"]) {
    for (const part of [copy, ...copy.querySelectorAll(`[${name}]`)]) part.removeAttribute(name);
  }
  copy.removeAttribute("style");  // the sizes for the screen
  copy.id = id;
  copy.setAttribute("viewBox", `${view.x} ${top} ${view.width} ${end - top}`);
  copy.setAttribute("width", view.width);
  copy.setAttribute("height", end - top);
  return copy;
};

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
      legibleSize(svg);
      frames.observe(pre);
      const bands = printCopy(svg);
      if (bands) pre.after(bands);
    }
  }
  document.documentElement.dataset.sopDiagrams = "ready";
};

drawAll();
}

// Paper and PDF: the texts of every printed sheet's running header and footer: which SOP
// it is, its version, status and effective date (from the page's .sop-print block, which
// the build writes), that a printed copy is uncontrolled, the print date and page X of Y.
// soplib-print.css shows them in its @page margin boxes, which read custom properties of
// the root element only. The date is set at load and again just before printing.
// In a block of its own: Sphinx's scripts declare names such as _ at the top level.
{
const _ = (text) => (typeof Documentation === "undefined" ? text : Documentation.gettext(text));

// A text as a CSS string, on one line.
const cssString = (text) =>
  '"' + text.replace(/\s+/g, " ").replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';

// A message with %(name)s placeholders as CSS content: its words as strings, and each
// placeholder as the CSS value given for it (such as counter(page)).
const cssContent = (message, values) =>
  message.split(/(%\(\w+\)s)/).filter(Boolean).map((part) => {
    const placeholder = /^%\((\w+)\)s$/.exec(part);
    return placeholder ? values[placeholder[1]] : cssString(part);
  }).join(" ");

const setRunning = (name, content) =>
  document.documentElement.style.setProperty("--sop-print-" + name, content);

// The page's title, without the heading's link mark.
const pageTitle = () => {
  const heading = document.querySelector("article h1");
  if (!heading) return document.title;
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach((mark) => mark.remove());
  return copy.textContent.trim();
};

const today = () => {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part) => String(part).padStart(2, "0")).join("-");
};

const setRunningTexts = () => {
  const sop = document.querySelector(".sop-print");
  setRunning("title", cssString(sop ? sop.dataset.runningSop : pageTitle()));
  setRunning("state", cssString(sop ? sop.dataset.runningState : ""));
  setRunning("notice", cssString(_("Uncontrolled when printed: check the library for the current version")));
  setRunning("page", cssContent(_("Page %(page)s of %(pages)s"),
    { page: "counter(page)", pages: "counter(pages)" }));
  setRunning("date", cssContent(_("Printed: %(date)s"), { date: cssString(today()) }));
};

setRunningTexts();
window.addEventListener("beforeprint", setRunningTexts);
}

// The reader's light or dark mode, set on the page before it is drawn: the one they chose
// last (the theme keeps it in localStorage), else the site's default, which the script
// element carries (data-default-mode). A file loaded from the head, where the theme had
// a script in the page: pages forbid inline script (soplib.site.csp).
{
  const fallback = document.currentScript.dataset.defaultMode || "";
  const root = document.documentElement;
  root.dataset.mode = localStorage.getItem("mode") || fallback;
  root.dataset.theme = localStorage.getItem("theme") || fallback;
}

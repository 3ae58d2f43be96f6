// A role's handbook, assembled in its role page (roles/ROLE_X.html) before make pdf prints
// it: the list of the role's steps gives way to the steps themselves, with their full text
// from their SOP pages, under a heading per SOP (its id, title, version, status and
// effective date); the page's other parts (the trainings needed, records, metrics) become
// headings of their own, and a table of contents of every heading opens the handbook.
// Run by page.evaluate with the ids of the library's steps; gives the number of steps
// placed (0: the role has none, and there is no handbook).
async (stepIds) => {
  const article = document.querySelector("article");
  const isStep = new Set(stepIds);
  const stepLinks = [...article.querySelectorAll("a[href]")]
    .filter((link) => isStep.has(decodeURIComponent(new URL(link.href).hash.slice(1))));
  if (!stepLinks.length) return 0;

  // The role's steps by SOP page, in the role page's order (the library's).
  const bySop = new Map();
  for (const link of stepLinks) {
    const url = new URL(link.href);
    const page = url.origin + url.pathname;
    if (!bySop.has(page)) bySop.set(page, []);
    bySop.get(page).push(decodeURIComponent(url.hash.slice(1)));
  }

  // The list that names them: the smallest part of the page holding every step link and
  // no other link than to their SOPs.
  const isListLink = (link) => stepLinks.includes(link)
    || bySop.has(new URL(link.href).origin + new URL(link.href).pathname);
  let list = stepLinks[0].parentElement;
  while (!stepLinks.every((link) => list.contains(link))) list = list.parentElement;
  while (list.parentElement !== article
         && [...list.parentElement.querySelectorAll("a[href]")].every(isListLink)) {
    list = list.parentElement;
  }

  // A heading in place of each of the page's own headings (rubrics), for the bookmarks.
  const heading = (level, text, id) => {
    const element = document.createElement("h" + level);
    element.textContent = text;
    element.id = id;
    return element;
  };
  article.querySelectorAll("p.rubric").forEach((rubric, index) =>
    rubric.replaceWith(heading(2, rubric.textContent, "handbook-part-" + index)));

  const placed = new Set([...bySop.values()].flat());
  const steps = document.createElement("div");
  steps.className = "sop-handbook";
  let contentsTitle = "";
  for (const [page, ids] of bySop) {
    const sop = new DOMParser().parseFromString(await (await fetch(page)).text(), "text/html");
    const running = sop.querySelector(".sop-print");
    contentsTitle = contentsTitle || sop.querySelector(".sop-print-toc .rubric")?.textContent || "";
    const name = running ? running.dataset.runningSop : page;
    steps.append(heading(3, name, "handbook-" + name.split(" ")[0]));
    const state = document.createElement("p");
    state.className = "sop-handbook-state";
    state.textContent = running ? running.dataset.runningState : "";
    steps.append(state);
    for (const id of ids) {
      const found = sop.getElementById(id);
      if (!found) continue;
      const step = document.importNode(found.closest(".need_container") || found, true);
      // a sub-step of the role's is placed on its own; the others are not the role's
      step.querySelectorAll(".need_container .need_container").forEach((inner) => inner.remove());
      // links to the handbook's steps stay in it; any other leads to the site
      for (const link of step.querySelectorAll("a[href]")) {
        const target = new URL(link.getAttribute("href"), page);
        const inHandbook = placed.has(decodeURIComponent(target.hash.slice(1)));
        link.setAttribute("href", inHandbook ? target.hash : target.href);
      }
      // the step's head, a heading (each step a bookmark), its id after it
      const head = step.querySelector(".needs_head");
      if (head) {
        const title = document.createElement("h4");
        title.className = "sop-handbook-step";
        title.append(...head.querySelector(".line").childNodes);
        const stepId = title.querySelector(".needs-id");
        head.replaceWith(title, ...(stepId ? [stepId] : []));
      }
      steps.append(step);
    }
  }
  list.replaceWith(steps);

  // The contents: every heading after the title, as a link, nested by level.
  const contents = document.createElement("div");
  contents.className = "sop-print-toc";
  const rubric = document.createElement("p");
  rubric.className = "rubric";
  rubric.textContent = contentsTitle;
  contents.append(rubric);
  const lists = [document.createElement("ul")];
  contents.append(lists[0]);
  for (const part of article.querySelectorAll("h2[id], h3[id], table.need[id] h4")) {
    const level = Number(part.tagName[1]) - 2;
    while (lists.length > level + 1) lists.pop();
    while (lists.length < level + 1) {
      const inner = document.createElement("ul");
      (lists[lists.length - 1].lastElementChild || lists[lists.length - 1]).append(inner);
      lists.push(inner);
    }
    const link = document.createElement("a");
    link.href = "#" + (part.id || part.closest("table.need").id);
    link.textContent = part.textContent.trim();
    const item = document.createElement("li");
    const paragraph = document.createElement("p");
    paragraph.append(link);
    item.append(paragraph);
    lists[level].append(item);
  }
  const printed = document.createElement("div");
  printed.className = "sop-print";
  printed.hidden = true;
  printed.append(contents);
  article.querySelector("h1").after(printed);
  return stepLinks.length;
}

// The procedures first in search results (soplib.site.search, Sphinx's html_search_scorer,
// which Sphinx writes into language_data.js, loaded after searchtools.js defines Scorer).
//
// Sphinx scores a page by where a word is found on it: in a title far above the text. A
// long page of another kind, such as the Authoring guide, that has a word in one of its
// headings (hold in "placeholder") so came before the SOP that is about it. An SOP page
// (sops/<area>/<page>, not an area's index nor the catalogs) now gains as much as a title
// is worth above the text, and so does a page or section whose title the query names
// (a match of the whole query with at least half of a title), so "Authoring guide"
// still finds the guide first.
Scorer.score = (result) => {
  const [docname, _title, _anchor, _descr, score, _filename, kind] = result;
  const procedure = /^sops\/(?!catalog\/)[^/]+\/(?!index$)[^/]+$/.test(docname);
  return procedure || kind === "title" ? score + Scorer.title : score;
};

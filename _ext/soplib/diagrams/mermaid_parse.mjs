// Parse Mermaid diagrams with Mermaid's own parser, the one the browser runs.
// Reads a JSON list of {key, code} on stdin; writes a JSON object of key -> result:
//   {error: {message, line}}            line: 1-based within the code, or null
//   {kind, nodes: [{id, shape, label}], edges: [{from, to, label}]}   for flowcharts
//   {kind}                               for other diagram types
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
Object.assign(globalThis, { window, document: window.document, DOMParser: window.DOMParser,
                            Element: window.Element });
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

async function parse(code) {
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(code);
    const kind = diagram.type;
    if (!kind.startsWith('flowchart')) return { kind };
    const db = diagram.db;
    const nodes = [...db.getVertices().values()].map(
      (v) => ({ id: v.id, shape: v.type ?? 'square', label: v.text ?? v.id }));
    const edges = db.getEdges().map((e) => ({ from: e.start, to: e.end, label: e.text ?? '' }));
    return { kind, nodes, edges };
  } catch (error) {
    const line = error?.hash?.loc?.first_line ?? error?.hash?.line + 1;
    return { error: { message: String(error?.message ?? error), line: Number.isFinite(line) ? line : null } };
  }
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = {};
for (const { key, code } of JSON.parse(input)) results[key] = await parse(code);
process.stdout.write(JSON.stringify(results));

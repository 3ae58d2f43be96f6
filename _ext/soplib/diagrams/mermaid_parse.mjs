// Parse Mermaid diagrams with Mermaid's own parser, the one the browser runs.
// Reads a JSON list of {key, code} on stdin; writes a JSON object of key -> result:
//   {error: {kind, message, line, column, token, got, expected, from_line, from_column}}
//       kind: 'parse' (Mermaid met a token it did not expect), 'lexical' (text it does
//             not recognise at all), 'type' (no diagram type), or 'other';
//       message: Mermaid's own message, whole;
//       line, column: 1-based, within the code, of the offending token (or null); at the end
//             of the diagram, of the start of the text Mermaid was reading;
//       token: its text ('' for the end of the diagram, null if unknown);
//       got: Mermaid's name for it ('EOF' for the end of the diagram, null if unknown);
//       expected: Mermaid's names of what it would have accepted there (may be empty);
//       from_line, from_column: where the text Mermaid read just before the token starts,
//             when that is on an earlier line (a label left open), else null
//   {kind, nodes: [{id, shape, label}], edges: [{from, to, label}]}   for flowcharts
//   {kind}                               for other diagram types
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
Object.assign(globalThis, { window, document: window.document, DOMParser: window.DOMParser,
                            Element: window.Element });
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

// Mermaid drops some lines before its parser counts them, so its line numbers would not
// be ours. What it drops anywhere (comment lines, front matter, directives) is blanked
// here instead: none of it changes what the diagram says, only how it looks. What is left
// to undo is done by `lineMap`.
function blanked(code) {
  let text = code.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (/^-{3}\s*$/.test(lines[0])) {
    const close = lines.findIndex((line, i) => i > 0 && /^-{3}\s*$/.test(line));
    if (close > 0) lines.fill('', 0, close + 1);
  }
  text = lines.map((line) => (/^\s*%%(?!\{)./.test(line) ? '' : line)).join('\n');
  return text.replace(/%%\{[\s\S]*?\}%%/g, (directive) => directive.replace(/[^\n]/g, ''));
}

// For each line Mermaid's parser counts (0-based), the line of the code it is, and how many
// characters Mermaid took off its start. Mermaid trims the blank lines before the diagram
// (and the first line's indent); a flowchart's parser also drops the blank lines that
// follow a line ending in '}'.
function lineMap(text) {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) return [];
  const flowchart = /^\s*(flowchart|graph)\b/.test(lines[first]);
  const map = [{ line: first, shift: lines[first].length - lines[first].trimStart().length }];
  let afterBrace = /\}\s*$/.test(lines[first]);
  for (let i = first + 1; i < lines.length; i++) {
    if (flowchart && afterBrace && lines[i].trim() === '' && i < lines.length - 1) continue;
    map.push({ line: i, shift: 0 });
    afterBrace = /\}\s*$/.test(lines[i]);
  }
  return map;
}

// Both strings agree where they meet: one ends with the other.
const meets = (a, b) => a.endsWith(b) || b.endsWith(a);

// Where, on a line, a lexical error's position is: Mermaid shows it only as up to 20
// characters before and after a caret, newlines taken out.
function lexicalColumn(message, lines, index) {
  const [, shown, caret] = message.split('\n');
  if (shown === undefined || caret === undefined) return null;
  const at = caret.length - 1;
  const before = shown.slice(0, at).replace(/^\.\.\./, '');
  const after = shown.slice(at).replace(/\.\.\.$/, '');
  const line = lines[index];
  const ahead = lines.slice(index).join('');
  for (let column = 0; column <= line.length; column++) {
    const head = line.slice(0, column);
    if (meets(before, head) || meets(before, head.trimStart())) {
      if (ahead.slice(column).startsWith(after)) return column;
    }
  }
  return null;
}

// Where on a line Mermaid's token is: just after the token it read last, or the token's
// own text found there.
function tokenColumn(line, start, text) {
  const token = text.trim();
  if (token) {
    const found = line.indexOf(token, start);
    if (found >= 0 && line.slice(start, found).trim() === '') return found;
  }
  return start <= line.length ? start : null;
}

function located(text, line, column) {
  const lines = text.split('\n');
  const map = lineMap(text);
  if (!Number.isInteger(line) || line < 0) return { line: null, column: null };
  if (line >= map.length) return { line: lines.length + 1, column: null };
  const { line: ours, shift } = map[line];
  return { line: ours + 1, column: Number.isInteger(column) ? column + shift : null, lines, ours };
}

function explain(error, text) {
  const message = String(error?.message ?? error);
  const hash = error?.hash;
  const lines = text.split('\n');
  const map = lineMap(text);
  if (error?.name === 'UnknownDiagramError' || !map.length) {
    const first = lines.findIndex((line) => line.trim() !== '');
    return { kind: 'type', message, line: first >= 0 ? first + 1 : null, column: null,
             token: null, got: null, expected: [] };
  }
  if (hash && typeof hash === 'object' && message.startsWith('Lexical error')) {
    const where = located(text, hash.line, 0);
    const column = where.ours === undefined ? null : lexicalColumn(message, lines, where.ours);
    const token = column === null ? null : (lines[where.ours][column] ?? '');
    return { kind: 'lexical', message, line: where.line, column: column === null ? null : column + 1,
             token, got: null, expected: [] };
  }
  if (hash && typeof hash === 'object' && hash.loc) {
    // loc spans the text Mermaid read last, up to the token: a label left open reads on
    // over the following lines. At the end of the diagram, where that text starts is the
    // place to look; otherwise the token is, just after it.
    const { loc } = hash;
    const ended = hash.token === 1 || hash.token === 'EOF' || hash.token === '$end';
    const where = ended ? located(text, loc.first_line - 1, loc.first_column)
      : located(text, loc.last_line - 1, loc.last_column);
    let column = where.column;
    if (!ended && column !== null && where.ours !== undefined) {
      column = tokenColumn(lines[where.ours], column, String(hash.text ?? ''));
    }
    const from = !ended && loc.first_line !== loc.last_line
      ? located(text, loc.first_line - 1, loc.first_column) : { line: null, column: null };
    const expected = (Array.isArray(hash.expected) ? hash.expected : [])
      .map((name) => String(name).replace(/^'(.*)'$/, '$1'));
    return { kind: 'parse', message, line: where.line, column: column === null ? null : column + 1,
             token: ended ? '' : String(hash.text ?? ''), got: ended ? 'EOF' : String(hash.token),
             expected, from_line: from.line,
             from_column: from.column === null ? null : from.column + 1 };
  }
  // Mermaid's newer parsers (pie, info, ...) say where as an offset into what they read.
  const offset = /at offset: (\d+)/.exec(message);
  if (offset) {
    const read = text.trimStart();
    const past = read.slice(0, Number(offset[1])).split('\n');
    const where = located(text, past.length - 1, past[past.length - 1].length);
    const shown = /->(.+?)<-/s.exec(message);
    return { kind: 'lexical', message, line: where.line,
             column: where.column === null ? null : where.column + 1,
             token: shown ? shown[1] : null, got: null, expected: [] };
  }
  const where = located(text, hash?.line, null);
  return { kind: 'other', message, line: where.line, column: null, token: null, got: null,
           expected: [] };
}

async function parse(code) {
  const text = blanked(code);
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const kind = diagram.type;
    if (!kind.startsWith('flowchart')) return { kind };
    const db = diagram.db;
    const nodes = [...db.getVertices().values()].map(
      (v) => ({ id: v.id, shape: v.type ?? 'square', label: v.text ?? v.id }));
    const edges = db.getEdges().map((e) => ({ from: e.start, to: e.end, label: e.text ?? '' }));
    return { kind, nodes, edges };
  } catch (error) {
    try {
      return { error: explain(error, text) };
    } catch {
      return { error: { kind: 'other', message: String(error?.message ?? error), line: null,
                        column: null, token: null, got: null, expected: [] } };
    }
  }
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = {};
for (const { key, code } of JSON.parse(input)) results[key] = await parse(code);
process.stdout.write(JSON.stringify(results));

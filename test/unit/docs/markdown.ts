// Just enough Markdown for the docs tests: fenced code blocks, headings and their anchors (as
// GitHub renders them), and links. Text inside code (fenced or inline) is neither a heading nor a link.

export interface CodeBlock {
  /** The info string after the opening fence (`yaml`, `json`, `sh`…). */
  lang: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface Link {
  target: string;
  line: number;
}

/** The document split into prose lines (code blocks blanked, so line numbers hold) and its code blocks. */
export function splitCode(markdown: string): { prose: string[]; blocks: CodeBlock[] } {
  const lines = markdown.split('\n');
  const prose: string[] = [];
  const blocks: CodeBlock[] = [];
  let open: { fence: string; block: CodeBlock; body: string[] } | undefined;
  lines.forEach((line, i) => {
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (open) {
      prose.push('');
      if (fence && fence[1][0] === open.fence[0] && fence[1].length >= open.fence.length && line.trim() === fence[1]) {
        open.block.text = open.body.join('\n') + (open.body.length ? '\n' : '');
        blocks.push(open.block);
        open = undefined;
      } else open.body.push(line);
    } else if (fence) {
      prose.push('');
      open = { fence: fence[1], block: { lang: fence[2], text: '', line: i + 1 }, body: [] };
    } else prose.push(line);
  });
  if (open) throw new Error(`a code block opened on line ${open.block.line} is never closed`);
  return { prose, blocks };
}

/** GitHub's anchor for a heading's text: formatting dropped, lower case, punctuation removed, spaces to hyphens. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor the document's headings get, duplicates numbered as GitHub numbers them (`-1`, `-2`). */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of splitCode(markdown).prose) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = slug(heading[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Inline links and images (`[text](target)`, `![alt](target "title")`) and reference definitions (`[id]: target`). */
export function links(markdown: string): Link[] {
  const out: Link[] = [];
  splitCode(markdown).prose.forEach((raw, i) => {
    const line = raw.replace(/(`+)(?:(?!\1).)+?\1/g, (code) => ' '.repeat(code.length)); // inline code is not a link
    for (const m of line.matchAll(/\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\s*\)/g)) {
      out.push({ target: m[1].replace(/^<|>$/g, ''), line: i + 1 });
    }
    const definition = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(line);
    if (definition) out.push({ target: definition[1].replace(/^<|>$/g, ''), line: i + 1 });
  });
  return out;
}

// Parsers for the machine-readable git output the approval verifier reads. Pure: text in, data out.

export interface BlameLine {
  /** Line in the blamed version, 1-based. */
  line: number;
  commit: string;
}

export interface BlameCommit {
  commit: string;
  author: string;
  authorMail: string;
  authorTime: number | null;
  /** A boundary commit: a root commit, or the edge of a shallow clone (its lines may be older). */
  boundary: boolean;
}

export interface Blame {
  lines: BlameLine[];
  commits: Map<string, BlameCommit>;
  /** The blamed text, line by line (index = final line − 1), as committed. */
  content: string[];
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

/**
 * `git blame --porcelain` output. Each line of the file comes as a header
 * (`<commit> <orig-line> <final-line> [<group-size>]`), the commit's fields the first time that
 * commit appears (`author`, `author-mail`, `boundary`, …), then the content line after a tab.
 */
export function parseBlamePorcelain(text: string): Blame {
  const lines: BlameLine[] = [];
  const commits = new Map<string, BlameCommit>();
  const content: string[] = [];
  let current: BlameCommit | undefined;
  let line = 0;
  for (const raw of text.split('\n')) {
    if (raw.startsWith('\t')) {
      if (line > 0) content[line - 1] = raw.slice(1);
      continue;
    }
    const header = HEADER.exec(raw);
    if (header) {
      const commit = header[1];
      current = commits.get(commit);
      if (!current) {
        current = { commit, author: '', authorMail: '', authorTime: null, boundary: false };
        commits.set(commit, current);
      }
      line = Number(header[3]);
      lines.push({ line, commit });
      continue;
    }
    if (!current || raw === '') continue;
    const space = raw.indexOf(' ');
    const key = space < 0 ? raw : raw.slice(0, space);
    const value = space < 0 ? '' : raw.slice(space + 1);
    if (key === 'author') current.author = value;
    else if (key === 'author-mail') current.authorMail = value.replace(/^<(.*)>$/, '$1');
    else if (key === 'author-time') current.authorTime = Number(value);
    else if (key === 'boundary') current.boundary = true;
  }
  lines.sort((a, b) => a.line - b.line);
  for (let i = 0; i < content.length; i++) content[i] ??= '';
  return { lines, commits, content };
}

/** What `git log` says about one commit (see `LOG_FORMAT`). */
export interface CommitFacts {
  commit: string;
  authorName: string;
  authorEmail: string;
  /** Author date, ISO 8601 UTC. */
  authorDate: string;
  committerTime: number;
  /** `%G?`: G good, B bad, U good but untrusted key, X/Y expired signature/key, R revoked, E cannot check, N none; '' when not asked. */
  signature: string;
  /** `%GS`: the signer (an SSH principal, or a GPG user id). */
  signer: string;
  /** `%GK`: the key. */
  key: string;
}

const SEP = '\x1f';
const END = '\x1e';

/** The `git log --format` for `parseLog`; the signature fields make git verify signatures, so they are optional. */
export function logFormat(withSignatures: boolean): string {
  const fields = ['%H', '%an', '%ae', '%aI', '%ct', ...(withSignatures ? ['%G?', '%GS', '%GK'] : [])];
  return `format:${fields.join('%x1f')}%x1e`;
}

export function parseLog(text: string): Map<string, CommitFacts> {
  const out = new Map<string, CommitFacts>();
  for (const record of text.split(END)) {
    const fields = record.replace(/^\s+/, '').split(SEP);
    if (fields.length < 5 || !/^[0-9a-f]{40,64}$/.test(fields[0])) continue;
    const [commit, authorName, authorEmail, authorDate, committerTime, signature = '', signer = '', key = ''] = fields;
    const date = Date.parse(authorDate);
    out.set(commit, {
      commit,
      authorName,
      authorEmail,
      authorDate: Number.isNaN(date) ? authorDate : new Date(date).toISOString(),
      committerTime: Number(committerTime),
      signature: signature.trim(),
      signer: signer.trim(),
      key: key.trim(),
    });
  }
  return out;
}

/** `git ls-tree -z` entries: `<mode> <type> <object>\t<path>`, NUL-terminated. */
export function parseLsTree(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of text.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, object] = entry.slice(0, tab).split(' ');
    if (type === 'blob') out.set(entry.slice(tab + 1), object);
  }
  return out;
}

/** `git config -z --get-regexp` output: `key\nvalue\0` entries (later ones win). */
export function parseConfigZ(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of text.split('\0')) {
    if (!entry) continue;
    const nl = entry.indexOf('\n');
    if (nl < 0) out.set(entry.toLowerCase(), '');
    else out.set(entry.slice(0, nl).toLowerCase(), entry.slice(nl + 1));
  }
  return out;
}

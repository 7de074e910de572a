// YAML files that look like PatchOps files but are not named like one. PatchOps finds its files by
// name (fileKinds.ts), so a plan saved as `plans/x.yaml` or `apache.plans.yaml` would be ignored
// without a word: no deadline, no breach. Such a file gets a warning saying how to name it.
//
// A workspace is usually a repository holding other YAML too (CI, compose files, Kubernetes
// manifests, OpenAPI, Trivy ignore files), so only strong evidence counts, taken from the schemas:
// - its content alone: a mapping whose keys are those of one kind, with the keys that make that
//   kind what it is (a plan's `id`, `vulnerabilities` and `affects`; a policy's `tiers` by tier…);
// - or its name (`apache.plans.yaml`, `x-exception.yaml`, `plans/x.yaml`) together with a mapping
//   of that kind's keys only, one of them particular to it (`waves`, `revisit_on`, `tiers`…).
// Anything that cannot be decoded or parsed, or is over the size cap, is never flagged. Only
// `.yaml`/`.yml` files are looked at: `x.plan.yaml.bak` or `x.plan.yaml~` are backups, set aside
// on purpose.
import assetsSchema from '../../../schemas/assets.schema.json';
import commonSchema from '../../../schemas/common.schema.json';
import exceptionSchema from '../../../schemas/exception.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import slaSchema from '../../../schemas/sla.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';
import { ZERO_RANGE, type Diagnostic } from '../model/diagnostic';
import { decodeText } from '../parse/decode';
import { parseSource } from '../parse/fastSource';
import { DEFAULT_LIMITS, type ParseLimits } from '../parse/sourceDocument';
import { isCandidateName } from './fileKinds';
import type { FileKind } from '../model/files';

type Mapping = Record<string, unknown>;

const keySet = (properties: object): ReadonlySet<string> => new Set(Object.keys(properties));

/** Each kind's top-level keys, from its schema (every object there forbids other keys). */
const KEYS: Record<FileKind, ReadonlySet<string>> = {
  workspace: keySet(workspaceSchema.properties),
  sla: keySet(slaSchema.properties),
  assets: keySet(assetsSchema.properties),
  plan: keySet(planSchema.properties),
  exception: keySet(exceptionSchema.properties),
};
const GROUP_KEYS = keySet(assetsSchema.$defs.group.properties);
const TIERS = keySet(slaSchema.properties.tiers.properties);
const IMPACTS: readonly string[] = commonSchema.$defs.impact.enum;
const ROLES: readonly string[] = workspaceSchema.$defs.team.properties.role.enum;

/**
 * Keys particular to a kind: with a name that says the kind, one of them (and no key the kind
 * lacks) is enough. `id`, `title` and `description` are in most YAML and say nothing.
 */
export const PARTICULAR_KEYS: Record<FileKind, readonly string[]> = {
  workspace: ['teams', 'timezone', 'default_sla'],
  sla: ['tiers', 'cycles', 'risk', 'clock_start', 'testing_within'],
  assets: ['groups'],
  plan: ['vulnerabilities', 'affects', 'waves', 'rollback', 'validator', 'retrospective'],
  exception: ['revisit_on', 'requested_by', 'requested_on', 'compensating_controls', 'approval'],
};

/** Words in a file or folder name that say which kind it means to be. */
const HINT_WORDS = new Map<string, FileKind>([
  ['patchops', 'workspace'],
  ['sla', 'sla'],
  ['slas', 'sla'],
  ['policy', 'sla'],
  ['policies', 'sla'],
  ['asset', 'assets'],
  ['assets', 'assets'],
  ['plan', 'plan'],
  ['plans', 'plan'],
  ['exception', 'exception'],
  ['exceptions', 'exception'],
  ['exemption', 'exception'],
  ['exemptions', 'exception'],
  ['waiver', 'exception'],
  ['waivers', 'exception'],
]);

/** Checked in this order; the first kind the content fits wins. */
const ORDER: readonly FileKind[] = ['plan', 'exception', 'sla', 'assets', 'workspace'];

/**
 * The warning for a YAML file that is not named as a PatchOps file but looks like one, or
 * undefined. `file` is workspace-relative with `/`; `content` its bytes or text. Pure, and safe
 * on any input: what cannot be read is not flagged.
 */
export function misnamedDiagnostic(file: string, content: string | Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): Diagnostic | undefined {
  if (!isCandidateName(file) || content.length > limits.maxChars) return undefined;
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeText(content);
    if (!decoded.ok) return undefined;
    text = decoded.text;
  }
  const hinted = hintedKinds(file);
  // Most YAML in a repository is nothing like ours: decided from the text, without parsing it.
  if (hinted.length === 0 && !TOP_LEVEL_SIGNAL.test(text) && !(startsWithFlowMapping(text) && SIGNAL_WORD.test(text))) return undefined;
  const value = parseMapping(file, text, limits);
  if (!value) return undefined;
  const match = contentMatch(value) ?? hintMatch(value, hinted);
  if (!match) return undefined;
  return { file, range: ZERO_RANGE, severity: 'warning', code: 'workspace.misnamed', message: messageOf(file, value, match) };
}

interface Match {
  kind: FileKind;
  /** What the message cites: what was found (`id`, `groups` with `impact`), and the name's word for the kind. */
  keys: readonly string[];
  word?: string;
}

/** Keys the strong shapes need at the top level: a file with none of them is not parsed. */
const TOP_LEVEL_SIGNAL = /^["']?(?:vulnerabilities|tiers|groups|teams)["']?[ \t]*:/m;
const SIGNAL_WORD = /\b(?:vulnerabilities|tiers|groups|teams)\b/;

/** Whether the document is a flow mapping or JSON (`{ "id": … }`), after comments and `---`. */
function startsWithFlowMapping(text: string): boolean {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === '#') {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (text.startsWith('---', i)) i += 3;
    else return text[i] === '{';
  }
}

/** The document as a mapping, or undefined when it does not parse cleanly or is anything else. */
function parseMapping(file: string, text: string, limits: ParseLimits): Mapping | undefined {
  try {
    const source = parseSource(file, text, limits);
    if (source.problems.some((p) => p.severity === 'error')) return undefined;
    return isMapping(source.value) ? source.value : undefined;
  } catch {
    return undefined; // never a crash for a file that is not even ours
  }
}

/** The kind whose defining keys and shapes the content has, whatever its name. */
function contentMatch(v: Mapping): Match | undefined {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(v, key);
  const shapes: Record<FileKind, () => readonly string[] | undefined> = {
    plan: () => (has('id') && Array.isArray(v.vulnerabilities) && isIdList(v.affects) ? quoted('id', 'vulnerabilities', 'affects') : undefined),
    exception: () => {
      if (!has('id') || !Array.isArray(v.vulnerabilities) || !isIdList(v.groups)) return undefined;
      const own = PARTICULAR_KEYS.exception.filter(has);
      return own.length ? quoted('id', 'vulnerabilities', 'groups', own[0]) : undefined;
    },
    sla: () => {
      const tiers = v.tiers;
      if (!has('id') || !isMapping(tiers)) return undefined;
      const names = Object.keys(tiers);
      return names.length > 0 && names.every((t) => TIERS.has(t)) ? quoted('id', 'tiers') : undefined;
    },
    assets: () => {
      const groups = v.groups;
      if (!Array.isArray(groups) || !isGroupList(groups)) return undefined;
      const rated = groups.find((g) => IMPACTS.includes(g.impact as string) || typeof g.endpoints === 'number');
      return rated ? [`\`groups\` with \`id\` and \`${IMPACTS.includes(rated.impact as string) ? 'impact' : 'endpoints'}\``] : undefined;
    },
    workspace: () => {
      const teams = v.teams;
      if (!isMapping(teams)) return undefined;
      const roled = Object.values(teams).some((t) => isMapping(t) && ROLES.includes(t.role as string));
      return roled ? [`\`teams\` with a \`role\` of ${ROLES.map((r) => `\`${r}\``).join(' or ')}`] : undefined;
    },
  };
  for (const kind of ORDER) {
    if (!fitsKeys(v, kind)) continue;
    const keys = shapes[kind]();
    if (keys) return { kind, keys };
  }
  return undefined;
}

/** A kind the name says, whose keys the content has, one of them particular to it. */
function hintMatch(v: Mapping, hinted: readonly { kind: FileKind; word: string }[]): Match | undefined {
  for (const { kind, word } of hinted) {
    if (!fitsKeys(v, kind)) continue;
    if (kind === 'assets' && !(Array.isArray(v.groups) && isGroupList(v.groups))) continue;
    if (kind === 'workspace' && v.teams !== undefined && !isMapping(v.teams)) continue;
    const keys = PARTICULAR_KEYS[kind].filter((k) => Object.prototype.hasOwnProperty.call(v, k));
    if (keys.length) return { kind, keys: quoted(...keys), word };
  }
  return undefined;
}

/**
 * Every key is one of the kind's, but for one typo among at least three that are: a file with
 * more keys of its own is something else that happens to share a few names.
 */
function fitsKeys(v: Mapping, kind: FileKind): boolean {
  const keys = Object.keys(v);
  const unknown = keys.filter((k) => !KEYS[kind].has(k)).length;
  return unknown === 0 || (unknown === 1 && keys.length - 1 >= 3);
}

/** Asset groups: mappings with an `id` and no key a group lacks. */
function isGroupList(groups: unknown[]): groups is Mapping[] {
  return groups.length > 0 && groups.every((g) => isMapping(g) && g.id !== undefined && Object.keys(g).every((k) => GROUP_KEYS.has(k)));
}

function isIdList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'));
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kinds the file's name and folders say, the file's own name first, then the nearest folder. */
function hintedKinds(file: string): { kind: FileKind; word: string }[] {
  const parts = file.split('/');
  parts[parts.length - 1] = parts[parts.length - 1].replace(/(\.ya?ml)+$/i, '');
  const found: { kind: FileKind; word: string }[] = [];
  for (const part of parts.reverse()) {
    for (const word of part.split(/[._ -]+/)) {
      const kind = HINT_WORDS.get(word.toLowerCase());
      if (kind && !found.some((f) => f.kind === kind)) found.push({ kind, word });
    }
  }
  return found;
}

const NOUNS: Record<FileKind, { one: string; many: string }> = {
  workspace: { one: 'PatchOps workspace settings', many: 'settings' },
  sla: { one: 'an SLA policy', many: 'SLA policies' },
  assets: { one: 'asset groups', many: 'asset groups' },
  plan: { one: 'a patch plan', many: 'plans' },
  exception: { one: 'an exception', many: 'exceptions' },
};

function messageOf(file: string, v: Mapping, match: Match): string {
  const keys = listed(match.keys);
  const why = match.word !== undefined ? `its name says \`${match.word}\` and it has ${keys}` : `it has ${keys}`;
  const noun = NOUNS[match.kind];
  if (match.kind === 'workspace') {
    return (
      `this file looks like ${noun.one} (${why}) but is not read: PatchOps reads settings only from ` +
      '`patchops.yaml` at the workspace root; move what it holds there'
    );
  }
  return (
    `this file looks like ${noun.one} (${why}) but is not read: PatchOps reads ${noun.many} only from files named ` +
    `\`*.${match.kind}.yaml\` (or \`.yml\`); rename it to \`${suggestedName(file, match.kind, v.id)}\``
  );
}

const quoted = (...keys: string[]) => keys.map((k) => `\`${k}\``);

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The name PatchOps would read: the same folder and extension, a word that said the kind
 * (`apache.plans`, `plan-apache`) replaced by the kind's suffix. A name that was nothing but such
 * a word takes the file's id when that makes a plain file name.
 */
export function suggestedName(file: string, kind: Exclude<FileKind, 'workspace'>, id?: unknown): string {
  const slash = file.lastIndexOf('/');
  const folder = file.slice(0, slash + 1);
  const name = file.slice(slash + 1);
  const ext = /\.ya?ml$/i.exec(name)?.[0] ?? '.yaml';
  // `patchops-plan.yaml` keeps its `patchops`: only words that name the kinds with suffixes go.
  const isHint = (word: string) => (HINT_WORDS.get(word.toLowerCase()) ?? 'workspace') !== 'workspace';
  let stem = name.slice(0, name.length - ext.length).replace(/(\.ya?ml)+$/i, '');
  stem = stem.replace(/[._ -]+([^._ -]+)$/, (all, word: string) => (isHint(word) ? '' : all));
  stem = stem.replace(/^([^._ -]+)[._ -]+/, (all, word: string) => (isHint(word) ? '' : all));
  if (stem === '' || isHint(stem)) {
    const plainId = typeof id === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id) && !/\.ya?ml$/i.test(id);
    stem = plainId ? id : stem || kind;
  }
  return `${folder}${stem}.${kind}${ext}`;
}

// A fix an earlier import planned, found again on more asset groups: the groups join the plan
// (`affects`) and its last wave — the one that covers the organization — so each endpoint is
// still counted in exactly one wave. Minimal text edits: every other byte stays as it was.
import { isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendScalars, appendToSequence, applyEdits, lineColumn, parseForEdit, setMapFields, type TextEdit } from './yamlText';

export interface GroupsAdded {
  after: string;
  /** Groups the plan did not affect before, in the order asked. */
  groups: string[];
  /** The wave that took them; null when the plan has no waves (e.g. awaiting a vendor fix). */
  wave: { name: string; created: boolean } | null;
}

/** A plan that cannot take the groups: the message names the file, line and column, and what is wrong. */
export class AddGroupsError extends Error {}

/**
 * `text` with `groups` added to `affects` and to the waves. The last wave takes them while it is
 * still planned (not started) and lists `groups`; an explicit `targets` there grows by their
 * endpoints. Otherwise — the last wave has started, or counts endpoints without naming groups —
 * a new planned wave with just these groups is appended, so nothing already rolled out is
 * rewritten. Groups the plan already affects are left alone: a re-import adds, never drops.
 */
export function addGroups(file: string, text: string, groups: readonly string[], endpoints: ReadonlyMap<string, number>): GroupsAdded {
  function fail(node: Node | null | undefined, what: string): never {
    const at = node?.range ? lineColumn(text, node.range[0]) : { line: 1, column: 1 };
    throw new AddGroupsError(`${file}:${at.line}:${at.column}: ${what}`);
  }
  const doc = parseForEdit(text);
  if (doc.errors.length) {
    const [e] = doc.errors;
    const at = e.linePos?.[0] ?? { line: 1, col: 1 };
    throw new AddGroupsError(`${file}:${at.line}:${at.col}: cannot add groups to a plan that does not parse: ${e.message.split('\n')[0]}`);
  }
  const affects = doc.get('affects', true) as Node | undefined;
  if (!isSeq(affects)) {
    fail(affects ?? doc.contents, `\`affects\` is not a list of asset groups, so ${groups.join(', ')} cannot be added: write \`affects: [group, …]\``);
  }
  const fresh = unique(groups).filter((g) => !scalarsOf(affects).includes(g));
  if (fresh.length === 0) return { after: text, groups: [], wave: null };

  const edits: TextEdit[] = appendScalars(text, affects, fresh);
  const waves = doc.get('waves', true) as Node | undefined;
  const last = waves === undefined || (isScalar(waves) && waves.value === null) ? undefined : lastWave(waves);
  let wave: GroupsAdded['wave'] = null;
  if (last !== undefined) {
    const waveGroups = last.get('groups', true) as Node | undefined;
    if (notStarted(last) && isSeq(waveGroups)) {
      const toWave = fresh.filter((g) => !scalarsOf(waveGroups).includes(g));
      edits.push(...appendScalars(text, waveGroups, toWave));
      const targets = last.get('targets', true) as Node | undefined;
      // An explicit count (a draft's, which leaves the pilot's endpoints out) grows by theirs.
      if (targets !== undefined && toWave.length) edits.push(...setMapFields(text, last, [['targets', grownTargets(targets, toWave)]]));
      wave = { name: nameOf(last), created: false };
    } else {
      const name = `Added ${fresh.join(', ')}`;
      edits.push(
        ...appendToSequence(text, doc, 'waves', [
          [
            ['name', name],
            ['groups', fresh],
            ['status', 'planned'],
          ],
        ]),
      );
      wave = { name, created: true };
    }
  }
  return { after: applyEdits(text, edits), groups: fresh, wave };

  function lastWave(node: Node): YAMLMap | undefined {
    const what = fresh.join(', ');
    if (!isSeq(node)) fail(node, `\`waves\` is not a list, so ${what} cannot join a wave: write \`waves: [{ name: …, groups: […] }]\``);
    const item = node.items[node.items.length - 1] as Node | undefined;
    if (item !== undefined && !isMap(item)) fail(item, `the last wave is not a mapping, so ${what} cannot join it: write \`{ name: …, groups: […] }\``);
    return item;
  }

  /** An explicit `targets` plus the endpoints of the groups joining the wave. */
  function grownTargets(node: Node, joining: readonly string[]): number {
    const n = isScalar(node) ? node.value : undefined;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      fail(node, `wave \`targets\` is not a whole number of endpoints, so the endpoints of ${joining.join(', ')} cannot be added to it`);
    }
    let sum = n;
    for (const g of joining) {
      const e = endpoints.get(g);
      if (e === undefined) fail(node, `the wave's \`targets\` must grow by the endpoints of ${g}, but no valid *.assets.yaml declares them, or several do`);
      sum += e;
    }
    return sum;
  }
}

function notStarted(wave: YAMLMap): boolean {
  const status = wave.get('status', true) as Node | undefined;
  return (status === undefined || (isScalar(status) && status.value === 'planned')) && !wave.has('started');
}

function nameOf(wave: YAMLMap): string {
  const name = wave.get('name', true) as Node | undefined;
  return isScalar(name) ? String(name.value) : '(unnamed)';
}

function scalarsOf(seq: YAMLSeq): unknown[] {
  return seq.items.map((item) => (isScalar(item) ? item.value : undefined));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

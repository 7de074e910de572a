// The Trends and Wins sections of the editor's HTML report (`report --trend` in the CLI): the
// workspace's git history read asynchronously (git through the safe runner, a pause between
// points), up to the report's as-of. Where it cannot be read the section says why: Restricted
// Mode (no git runs at all), a workspace not on this machine's disk, not a repository, no commits.
import * as vscode from 'vscode';
import { trendsSection, trendsUnavailable } from '../core/report/htmlTrends';
import { readHistory } from '../node/gitHistory';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import { gitPathSetting, trendEverySetting } from './settings';

export async function reportTrends(workspace: PatchOpsWorkspace, asOf: number): Promise<string> {
  if (!vscode.workspace.isTrusted) return trendsUnavailable('this workspace is not trusted, and PatchOps runs no git in Restricted Mode');
  if (workspace.root.scheme !== 'file') return trendsUnavailable('the history is read with git, which needs the workspace on this machine’s disk');
  const read = await readHistory(workspace.root.fsPath, {
    trusted: true,
    gitPath: gitPathSetting(),
    every: trendEverySetting(workspace.root),
    range: () => ({ until: asOf }),
  });
  return read.ok ? trendsSection(read.history) : trendsUnavailable(read.reason);
}

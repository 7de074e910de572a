// `patchops diff --format`: names only, so the CLI's argument parser reads them without loading the diff.

/** The first is the default. */
export const DIFF_FORMATS = ['text', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

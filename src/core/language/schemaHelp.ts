// Whether PatchOps offers the schema's keys, enum values and descriptions itself, or leaves them to
// Red Hat's YAML extension: it reads the same schemas (package.json `yamlValidation`), so both
// would list every key twice. Ids are PatchOps' own either way: no schema can know them.

/** `patchops.schemaHelp`: `auto` leaves schema help to Red Hat YAML when it is installed and offers it; `always`; `ids`: ids only. */
export type SchemaHelpSetting = 'auto' | 'always' | 'ids';

/** What the editor knows of the Red Hat YAML extension: installed, and its `yaml.completion` / `yaml.hover` settings. */
export interface YamlPeer {
  readonly installed: boolean;
  readonly completion: boolean;
  readonly hover: boolean;
}

export function schemaHelpEnabled(setting: SchemaHelpSetting, peer: YamlPeer, feature: 'completion' | 'hover'): boolean {
  if (setting === 'always') return true;
  if (setting === 'ids') return false;
  return !(peer.installed && peer[feature]);
}

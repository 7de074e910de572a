// One compiled validator per file kind, compiled once and shared by every file.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import commonSchema from '../../../schemas/common.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';
import slaSchema from '../../../schemas/sla.schema.json';
import assetsSchema from '../../../schemas/assets.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import exceptionSchema from '../../../schemas/exception.schema.json';
import type { FileKind } from '../workspace/fileKinds';

export const SCHEMAS: Record<FileKind, object> = {
  workspace: workspaceSchema,
  sla: slaSchema,
  assets: assetsSchema,
  plan: planSchema,
  exception: exceptionSchema,
};

let compiled: Map<FileKind, ValidateFunction> | undefined;

function validators(): Map<FileKind, ValidateFunction> {
  if (!compiled) {
    // verbose: errors carry their schema, which the messages use for titles, examples and
    // the list of known fields.
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strictRequired: false });
    ajv.addSchema(commonSchema, 'common.schema.json');
    compiled = new Map();
    for (const [kind, schema] of Object.entries(SCHEMAS) as [FileKind, object][]) {
      compiled.set(kind, ajv.compile(schema));
    }
  }
  return compiled;
}

export function validateValue(kind: FileKind, value: unknown): ErrorObject[] {
  const validate = validators().get(kind)!;
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

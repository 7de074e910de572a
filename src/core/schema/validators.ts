// One validator per file kind, shared by every file. They are compiled ahead of time from the
// schemas (ajv standalone code, regenerated and checked by `npm run gen:types`), so no schema is
// compiled at run time: that would block an editor for about 100 ms.
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as compiled from './generated/validators';
import type { FileKind } from '../model/files';

export function validateValue(kind: FileKind, value: unknown): ErrorObject[] {
  const validate = compiled[kind] as ValidateFunction;
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/* Generated from schemas/exception.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier = string;
/**
 * Asset groups exempted (the scope).
 *
 * @minItems 1
 */
export type IdList = [Identifier1, ...Identifier1[]];
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier1 = string;
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier2 = string;
/**
 * A person, identified by email address.
 */
export type Person = string;
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp = string;
/**
 * What reduces the risk meanwhile.
 */
export type TextList = string[];
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp1 = string;

/**
 * A documented exception: who requested it, why, until when, who approved it.
 */
export interface ExceptionFile {
  id: Identifier;
  /**
   * Vulnerability ids exempted.
   *
   * @minItems 1
   */
  vulnerabilities: [string, ...string[]];
  groups: IdList;
  plan?: Identifier2;
  requested_by: Person;
  requested_on: Timestamp;
  /**
   * Why the exception is needed.
   */
  reason: string;
  compensating_controls?: TextList;
  revisit_on: Timestamp1;
  /**
   * Who approved the exception, and when; absent while the request is pending.
   */
  approval?: {
    approved_by: Person;
    approved_on: Timestamp;
    /**
     * The approver's notes.
     */
    notes?: string;
  };
}

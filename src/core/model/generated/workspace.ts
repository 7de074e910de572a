/* Generated from schemas/workspace.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * Shown at the top of reports.
 */
export type WorkspaceName = string;
/**
 * IANA time zone for dates and times written without an offset, and for cycle start times. Default UTC.
 */
export type TimeZone = string;
/**
 * Id of the SLA policy used by plans and exceptions that name none.
 */
export type DefaultSLAPolicy = string;
/**
 * executor: IT, deploys patches. validator: InfoSec, validates tests and approves exceptions.
 */
export type Role = "executor" | "validator";
/**
 * Members by email address.
 *
 * @minItems 1
 */
export type Members = [Person, ...Person[]];
/**
 * A person, identified by email address.
 */
export type Person = string;

/**
 * Workspace settings and teams. Exactly one, at the root of the workspace.
 */
export interface WorkspaceFile {
  name: WorkspaceName;
  timezone?: TimeZone;
  default_sla?: DefaultSLAPolicy;
  teams: Teams;
}
/**
 * Teams by id. IT executes (executor), InfoSec validates (validator).
 */
export interface Teams {
  [k: string]: Team | undefined;
}
export interface Team {
  /**
   * Display name of the team.
   */
  title?: string;
  role: Role;
  members: Members;
}

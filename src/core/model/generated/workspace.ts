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
 * How long each window stays open.
 */
export type Duration = string;
/**
 * When deployments may run, for asset groups that name no windows of their own.
 */
export type MaintenanceWindows = MaintenanceWindow[];
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp = string;
/**
 * Change freezes for every asset group.
 */
export type ChangeFreezes = ChangeFreeze[];

/**
 * Workspace settings and teams. Exactly one, at the root of the workspace.
 */
export interface WorkspaceFile {
  name: WorkspaceName;
  timezone?: TimeZone;
  default_sla?: DefaultSLAPolicy;
  teams: Teams;
  maintenance_windows?: MaintenanceWindows;
  freezes?: ChangeFreezes;
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
export interface MaintenanceWindow {
  /**
   * RFC 5545 recurrence of the window's openings, read like a cycle's: local time in the workspace timezone, the time of day from a DTSTART line (else 00:00), FREQ=DAILY to YEARLY.
   */
  rrule: string;
  duration: Duration;
}
export interface ChangeFreeze {
  from: Timestamp;
  to: Timestamp;
  /**
   * Why deployments stop then, for the people reading it.
   */
  reason?: string;
}

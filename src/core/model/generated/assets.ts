/* Generated from schemas/assets.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier = string;
/**
 * How much the business suffers when these assets are down or compromised.
 */
export type BusinessImpact = "high" | "medium" | "low";
/**
 * How much the business suffers when these assets are down or compromised.
 */
export type BusinessImpact1 = "high" | "medium" | "low";
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier1 = string;
/**
 * How long each window stays open.
 */
export type Duration = string;
/**
 * This group's maintenance windows; they replace the workspace's.
 */
export type MaintenanceWindows = MaintenanceWindow[];
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp = string;
/**
 * Change freezes for this group, besides the workspace's.
 */
export type ChangeFreezes = ChangeFreeze[];

/**
 * Groups of endpoints with their business impact.
 */
export interface AssetsFile {
  /**
   * The asset groups of this file. Group ids are unique across the workspace; plans and exceptions name them.
   */
  groups: AssetGroup[];
}
export interface AssetGroup {
  id: Identifier;
  /**
   * Display name.
   */
  title?: string;
  /**
   * What the group is, for the people reading it.
   */
  description?: string;
  impact: BusinessImpact;
  /**
   * Whether the assets are publicly exposed (BOD 26-04) or internet-reachable (FedRAMP). `unknown` counts as public, and so does a group that does not say.
   */
  exposure?: "public" | "internal" | "unknown";
  /**
   * FedRAMP Potential Agency Impact N-rating (1..5), required under `fedramp-vdr`.
   */
  pain?: number;
  mission_impact?: BusinessImpact1;
  /**
   * Number of endpoints in the group.
   */
  endpoints: number;
  owner?: Identifier1;
  maintenance_windows?: MaintenanceWindows;
  freezes?: ChangeFreezes;
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

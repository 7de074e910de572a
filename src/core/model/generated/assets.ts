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
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier1 = string;

/**
 * Groups of endpoints with their business impact.
 */
export interface AssetsFile {
  groups: AssetGroup[];
}
export interface AssetGroup {
  id: Identifier;
  title?: string;
  description?: string;
  impact: BusinessImpact;
  /**
   * Number of endpoints in the group.
   */
  endpoints: number;
  owner?: Identifier1;
}

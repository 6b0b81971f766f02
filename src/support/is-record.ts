/** A plain object (not null, not an array): the first step of every shape check of untrusted data. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

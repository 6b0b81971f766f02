/**
 * Artifact signatures as Turborepo writes them (`x-artifact-tag`): base64 of
 * HMAC-SHA256, keyed with the team's shared secret, over the artifact hash,
 * then the team id, then the artifact body — the order of Turborepo's
 * `signature_authentication.rs` (`mac.update(hash); mac.update(team_id);
 * mac.update(body)`). A Jaunt client and `turbo` with the same key agree.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The `x-artifact-tag` value for `body` stored under `hash` for `team`. */
export function signArtifact(secret: string, hash: string, team: string, body: Uint8Array): string {
  return createHmac("sha256", secret).update(hash).update(team).update(body).digest("base64");
}

/** Whether `tag` is the signature of `body` under `hash` for `team` (constant-time compare). */
export function verifyArtifact(secret: string, hash: string, team: string, body: Uint8Array, tag: string): boolean {
  const expected = Buffer.from(signArtifact(secret, hash, team, body), "base64");
  const given = Buffer.from(tag.trim(), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

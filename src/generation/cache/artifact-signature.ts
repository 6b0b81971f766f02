/**
 * Artifact signatures as Turborepo writes them (`x-artifact-tag`): base64
 * (standard alphabet, padded) of HMAC-SHA256, keyed with the team's shared
 * secret, over the JSON metadata `{"hash":"<hash>","teamId":"<team>"}`
 * followed by the artifact body — the construction of Turborepo's
 * `crates/turborepo-cache/src/signature_authentication.rs`. A Jaunt client
 * and `turbo` with the same key and team sign the same bytes alike.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

function mac(secret: string, hash: string, team: string, body: Uint8Array): Buffer {
  // JSON.stringify of this object literal matches serde_json's output: fields in this order, no spaces.
  const metadata = JSON.stringify({ hash, teamId: team });
  return createHmac("sha256", secret).update(metadata).update(body).digest();
}

/** The `x-artifact-tag` value for `body` stored under `hash` for `team`. */
export function signArtifact(secret: string, hash: string, team: string, body: Uint8Array): string {
  return mac(secret, hash, team, body).toString("base64");
}

/** Whether `tag` (padded or not) is the signature of `body` under `hash` for `team`; constant-time compare. */
export function verifyArtifact(secret: string, hash: string, team: string, body: Uint8Array, tag: string): boolean {
  const expected = mac(secret, hash, team, body);
  const given = Buffer.from(tag.trim(), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

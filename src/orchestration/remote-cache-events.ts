/**
 * What a run does with the Workers' `remote_cache` events: each warning once,
 * and after the first sign that the remote cannot serve the run (down, slow,
 * misconfigured, refusing uploads) one warning only and settings that make
 * modules started later skip it — so a dead server costs one warning and one
 * timeout, not one per module.
 */
import type { GenerationEvent, GenerationSettings } from "../generation/types.ts";

export interface RemoteCacheEvents {
  /** Settings for modules started after `event` (unchanged for other events). */
  observe(event: GenerationEvent, settings: GenerationSettings): GenerationSettings;
  /** The warnings given so far, in order. */
  readonly warnings: readonly string[];
}

export function remoteCacheEvents(onWarning: ((message: string) => void) | undefined): RemoteCacheEvents {
  const warnings: string[] = [];
  let offWarned = false;
  const warn = (message: string): void => {
    if (warnings.includes(message)) return;
    warnings.push(message);
    onWarning?.(message);
  };
  return {
    warnings,
    observe(event, settings) {
      if (event.type !== "remote_cache") return settings;
      if (event.off === undefined) {
        warn(event.message);
        return settings;
      }
      // Modules in flight may meet the same fault; only the first report of it is shown.
      if (!offWarned) {
        offWarned = true;
        warn(event.message);
      }
      const { remoteCache } = settings;
      if (!remoteCache) return settings;
      if (event.off === "reads") return { ...settings, remoteCache: undefined };
      return { ...settings, remoteCache: { ...remoteCache, readOnly: true } };
    },
  };
}

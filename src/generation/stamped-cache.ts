/**
 * A process-wide cache for what generation derives from the project's config
 * files (tsconfig.json and its `extends` chain, package.json, installed
 * `@types`). An entry stays valid only while every path it was computed from
 * keeps its stamp — absent paths included, so a file that appears counts too —
 * because `jaunt watch` keeps its process and Workers between saves, and a
 * tsconfig.json edited while watching must be read again. Inputs stamped
 * within the racy margin (written in the same instant) are not trusted: such an
 * entry is not kept.
 */
import path from "node:path";
import { type FileStamp, isRacy, sameStamp, stampOf } from "../discovery/file-stamp.ts";

interface Entry<T> {
  readonly value: T;
  readonly inputs: readonly (readonly [string, FileStamp | undefined])[];
}

function unchanged([file, recorded]: readonly [string, FileStamp | undefined]): boolean {
  const current = stampOf(file);
  return current === undefined || recorded === undefined ? current === recorded : sameStamp(current, recorded);
}

export class StampedCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  /** The value stored under `key`, unless one of its input paths changed since. */
  get(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.inputs.every(unchanged)) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Store `value`, computed from the absolute paths `inputs` (files or folders, present or not); returns it. */
  set(key: string, value: T, inputs: Iterable<string>): T {
    const now = Date.now();
    const stamped = [...new Set(inputs)].map((file) => [file, stampOf(file)] as const);
    if (stamped.some(([, stamp]) => stamp !== undefined && isRacy(stamp, now))) {
      this.#entries.delete(key);
    } else {
      this.#entries.set(key, { value, inputs: stamped });
    }
    return value;
  }
}

/** `dir/name`, then the same in every parent folder up to `stopAt` (inclusive) or the filesystem root. */
export function pathsUpward(dir: string, name: string, stopAt?: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    found.push(path.join(d, name));
    if (d === stopAt || path.dirname(d) === d) return found;
  }
}

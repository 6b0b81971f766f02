/**
 * Handwritten code a spec module imports is part of what is asked: the
 * prompt shows it, and generated code calls it. Each relative import of a
 * spec module that resolves to a project file which is not itself a spec
 * module contributes that file's normalized content to the module digest, so
 * editing a helper regenerates the modules that import it (and `jaunt watch`
 * reacts to its saves). Package imports are not followed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { normalizedTextDigest } from "../discovery/normalize-text.ts";
import type { ModuleInfo } from "../discovery/types.ts";
import type { Digest } from "./digests.ts";

/** Content digests of files, memoised for one plan. */
export class HandwrittenFiles {
  private readonly digests = new Map<string, Digest>();

  constructor(
    private readonly root: string,
    /** Project-relative spec module files: imports of these are dependencies, not handwritten code. */
    private readonly specFiles: ReadonlySet<string>,
  ) {}

  private digestOf(file: string): Digest {
    let digest = this.digests.get(file);
    if (digest === undefined) {
      let text: string;
      try {
        text = readFileSync(path.join(this.root, file), "utf8");
      } catch {
        text = "\0unreadable";
      }
      digest = normalizedTextDigest(text);
      this.digests.set(file, digest);
    }
    return digest;
  }

  /** Handwritten project file → content digest, for the imports of `info`. */
  of(info: ModuleInfo): Map<string, Digest> {
    const result = new Map<string, Digest>();
    for (const decl of info.imports) {
      const file = decl.resolvedFile;
      if (file === undefined || this.specFiles.has(file) || file === info.file) continue;
      result.set(file, this.digestOf(file));
    }
    return result;
  }
}

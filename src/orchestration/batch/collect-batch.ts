/**
 * `jaunt build --batch`: the first attempt of every stale module as one
 * Batch API batch. Submits it (or picks up the batch a previous run left,
 * `.jaunt/batch.json`), polls with progress until it ends, and returns each
 * module's first answer; the normal generation then validates them in
 * dependency order and retries the invalid ones with diagnostics. Modules
 * whose line failed or expired, or whose request changed since submission,
 * get no answer here and go through the normal path.
 *
 * An abort while waiting leaves the batch running and its record in place.
 */
import { cacheKey, defaultCacheDir, readCache } from "../../generation/cache/response-cache.ts";
import { batchCustomId, batchRequestLine, readBatchResults } from "../../generation/batch/batch-lines.ts";
import { createBatchClient, FINAL_BATCH_STATES, type BatchClient, type BatchState } from "../../generation/llm/batch-client.ts";
import { sleep } from "../../generation/llm/backoff.ts";
import { resolveEndpoint } from "../../generation/llm/endpoint.ts";
import { mergedEnv } from "../../generation/llm/env-file.ts";
import { ProviderError } from "../../generation/llm/failure.ts";
import { renderMessages } from "../../generation/prompts/render-messages.ts";
import type { GenerationInput, GenerationSettings, PrefetchedAnswer } from "../../generation/types.ts";
import type { PlannedModule } from "../../graph/plan-types.ts";
import { readBatchRecord, removeBatchRecord, writeBatchRecord, type BatchModule, type BatchRecord } from "./batch-record.ts";

export interface CollectBatchOptions {
  readonly modules: readonly PlannedModule[];
  readonly inputs: ReadonlyMap<string, GenerationInput>;
  readonly settings: GenerationSettings;
  /** Modules to re-roll (`--force`): sent even when the local cache holds an answer. */
  readonly reroll: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  /** First and longest wait between status polls, in ms (default 1000 / 30000). */
  readonly pollMs?: { readonly first: number; readonly max: number };
  /** A progress line (submitted, status changes, collected). */
  readonly onNote?: (text: string) => void;
}

export interface BatchOutcome {
  /** First answers by module id. */
  readonly prefetched: ReadonlyMap<string, PrefetchedAnswer>;
  readonly warnings: readonly string[];
  /** The run was interrupted while waiting; the batch keeps running and its record stays. */
  readonly interrupted: boolean;
}

const NONE: BatchOutcome = { prefetched: new Map(), warnings: [], interrupted: false };

/** Submit or resume the batch and wait for it. Throws ProviderError (`generation.batch_unsupported`, auth …) and JauntConfigError (no key). */
export async function collectBatch(options: CollectBatchOptions): Promise<BatchOutcome> {
  const { settings } = options;
  const { llm, root } = settings;
  if (options.modules.length === 0 && readBatchRecord(root) === undefined) return NONE;
  const endpoint = resolveEndpoint(llm, mergedEnv(root, settings.env ?? process.env));
  const client = createBatchClient(llm, endpoint);
  const note = options.onNote ?? (() => undefined);
  const keys = new Map(options.modules.flatMap((module) => {
    const input = options.inputs.get(module.id);
    return input ? [[module.id, cacheKey(llm, renderMessages(input, settings.prompts))] as const] : [];
  }));
  const warnings: string[] = [];

  let record = readBatchRecord(root);
  if (record && record.endpoint !== endpoint.displayUrl) {
    warnings.push(`the pending batch ${record.id} was submitted to ${record.endpoint}, but requests now go to ${endpoint.displayUrl}; it is left behind and a new batch is sent`);
    await removeBatchRecord(root);
    record = undefined;
  }
  if (record && !record.modules.some((entry) => keys.get(entry.module) === entry.key)) {
    // Nothing will read its answers: stop it at the provider rather than pay for them.
    const stopped = await client.cancel(record.id, options.signal).then(
      (state) => ({ ok: true as const, status: state.status }),
      (error: unknown) => ({ ok: false as const, why: error instanceof Error ? error.message : String(error) }),
    );
    warnings.push(
      stopped.ok
        ? `the pending batch ${record.id} holds no module this run needs (built or changed since): asked the provider to cancel it (now ${stopped.status})`
        : `the pending batch ${record.id} holds no module this run needs (built or changed since); it is forgotten here, and cancelling it failed (${stopped.why}) — cancel it at the provider if it is still running`,
    );
    await removeBatchRecord(root);
    record = undefined;
  }
  if (record) {
    note(`resuming batch ${record.id} (${record.modules.length} module(s), submitted ${record.submittedAt})`);
  } else {
    record = await submit(options, client, endpoint.baseUrl, endpoint.displayUrl, keys);
    if (!record) return { ...NONE, warnings };
    note(`submitted batch ${record.id}: ${record.modules.length} module(s); Ctrl-C leaves it running and \`jaunt build --batch\` picks it up`);
  }

  const state = await waitFor(record, client, options, note);
  if (state === undefined) {
    return { prefetched: new Map(), warnings: [...warnings, `batch ${record.id} keeps running at the provider; \`jaunt build --batch\` collects it (\`jaunt status\` shows it)`], interrupted: true };
  }
  if (state === "unknown") {
    await removeBatchRecord(root);
    return { prefetched: new Map(), warnings: [...warnings, `batch ${record.id} is unknown to ${endpoint.displayUrl}; its modules go through the normal path`], interrupted: false };
  }

  const files: string[] = [];
  for (const id of [state.outputFileId, state.errorFileId]) if (id !== undefined) files.push(await client.download(id, options.signal));
  const results = readBatchResults(files, llm, endpoint);
  const prefetched = new Map<string, PrefetchedAnswer>();
  const failed: string[] = [];
  let changed = 0;
  for (const entry of record.modules) {
    if (!keys.has(entry.module)) continue; // built (or removed) since: nothing to do
    if (keys.get(entry.module) !== entry.key) {
      changed += 1;
      continue;
    }
    const result = results.get(entry.customId);
    if (result?.ok) prefetched.set(entry.module, result.answer);
    else failed.push(`${entry.module} (${result ? result.reason : "no result"})`);
  }
  await removeBatchRecord(root);
  if (state.status !== "completed") {
    const why = state.errors.length > 0 ? `: ${state.errors.join("; ")}` : "";
    warnings.push(`batch ${state.id} ended ${state.status}${why}; ${failed.length} module(s) go through the normal path`);
  } else if (failed.length > 0) {
    warnings.push(`batch ${state.id}: ${failed.length} request(s) failed, retried through the normal path: ${failed.slice(0, 5).join("; ")}${failed.length > 5 ? " …" : ""}`);
  }
  if (changed > 0) warnings.push(`batch ${state.id}: ${changed} module(s) changed since it was submitted; their answers are not used`);
  note(`batch ${state.id} ${state.status}: ${prefetched.size} answer(s) to validate`);
  return { prefetched, warnings, interrupted: false };
}

/** Send the modules without a usable local answer as one batch; record it. Undefined when there is nothing to send. */
async function submit(options: CollectBatchOptions, client: BatchClient, baseUrl: string, displayUrl: string, keys: ReadonlyMap<string, string>): Promise<BatchRecord | undefined> {
  const { settings } = options;
  const cacheDir = settings.cacheDir ?? defaultCacheDir(settings.root);
  const modules: BatchModule[] = [];
  const lines: string[] = [];
  for (const module of options.modules) {
    const input = options.inputs.get(module.id);
    const key = keys.get(module.id);
    if (!input || key === undefined) continue;
    // Answers the local cache already holds cost nothing: the normal path serves them.
    if (!options.reroll.has(module.id) && settings.noCache !== true && (await readCache(cacheDir, key)) !== undefined) continue;
    const customId = batchCustomId(module.id, key);
    modules.push({ module: module.id, customId, key });
    lines.push(batchRequestLine(customId, settings.llm, baseUrl, renderMessages(input, settings.prompts)));
  }
  if (modules.length === 0) return undefined;
  const state = await client.submit(`${lines.join("\n")}\n`, options.signal);
  const record: BatchRecord = { format: 1, id: state.id, endpoint: displayUrl, model: settings.llm.model, submittedAt: new Date().toISOString(), modules };
  await writeBatchRecord(settings.root, record);
  return record;
}

/**
 * Poll until the batch ends. Undefined when `signal` aborts the wait; "unknown"
 * when the provider no longer knows the batch. Transient failures are retried
 * up to `[llm] max_retries` times in a row.
 */
async function waitFor(record: BatchRecord, client: BatchClient, options: CollectBatchOptions, note: (text: string) => void): Promise<BatchState | "unknown" | undefined> {
  const { first, max } = options.pollMs ?? { first: 1000, max: 30_000 };
  let delay = first;
  let failures = 0;
  let last = "";
  for (;;) {
    if (options.signal?.aborted) return undefined;
    try {
      const state = await client.retrieve(record.id, options.signal);
      failures = 0;
      const line = `batch ${state.id}: ${state.status}, ${state.completed + state.failed}/${state.total || record.modules.length} done${state.failed > 0 ? ` (${state.failed} failed)` : ""}`;
      if (line !== last) note(line);
      last = line;
      if (FINAL_BATCH_STATES.has(state.status)) return state;
    } catch (error) {
      if (options.signal?.aborted) return undefined;
      if (!(error instanceof ProviderError)) throw error;
      if (error.code === "generation.batch_unsupported" || error.code === "generation.model_not_found") return "unknown";
      const transient = error.code === "generation.provider_unavailable" || error.code === "generation.server_unreachable";
      failures += 1;
      if (!transient || failures > options.settings.llm.maxRetries) throw error;
      note(`batch ${record.id}: status check failed (${error.message}); trying again`);
    }
    try {
      await sleep(delay, options.signal);
    } catch {
      return undefined; // aborted while waiting
    }
    delay = Math.min(max, delay * 2);
  }
}

/**
 * Generate one module: cache → LLM → validate → retry with the previous
 * output's errors, with token and cost accounting. Plain data in and out.
 */
import { JauntGenerationError } from "@jaunt/runtime";
import { isBehaviourCode } from "./behaviour/codes.ts";
import { readRemote, writeRemote } from "./cache/remote-cache.ts";
import { cacheKey, defaultCacheDir, readCache, writeCache, type CacheEntry } from "./cache/response-cache.ts";
import { addUsage, estimateCost, NO_USAGE } from "./cost.ts";
import type { ChatClient } from "./llm/chat-client.ts";
import { chatClientFor } from "./llm/client-for.ts";
import { FATAL_PROVIDER_CODES, ProviderError } from "./llm/failure.ts";
import { renderMessages } from "./prompts/render-messages.ts";
import type { AttemptDiagnostics, GenerationHooks, GenerationInput, GenerationResult, GenerationSettings, ModuleChecks, TokenUsage } from "./types.ts";
import type { ChatCompletion } from "./llm/chat-client.ts";
import { formatDiagnostics } from "./validate/diagnostics.ts";
import { failureHint } from "./validate/failure-hint.ts";
import { validateCandidate } from "./validate/validate-candidate.ts";

const CANDIDATE_KEEP = 20_000;

/**
 * Generate and validate the module described by `input`.
 * Per-module failures (invalid candidates, provider faults, offline misses) come back as `ok: false`;
 * configuration problems (missing API key, broken prompt template) throw `JauntConfigError`;
 * an abort rejects with the signal's reason.
 */
export async function generateModule(input: GenerationInput, settings: GenerationSettings, hooks: GenerationHooks = {}): Promise<GenerationResult> {
  const emit = hooks.onEvent ?? (() => undefined);
  // Only model requests hold a slot: validation (type check, behaviour) runs beside other modules' requests.
  const slot = hooks.slot;
  const { llm } = settings;
  const cacheDir = settings.cacheDir ?? defaultCacheDir(settings.root);
  const firstMessages = renderMessages(input, settings.prompts);
  const key = cacheKey(llm, firstMessages);
  const attempts: AttemptDiagnostics[] = [];
  const env = settings.env ?? process.env;
  const behaviour = settings.behaviour && input.kind === "build" ? { ...settings.behaviour, env } : undefined;
  // Validation holds no request slot. Its CPU work is bounded by the run: type checks share `bun check`
  // processes (runCheck), the behaviour stage holds a check slot.
  const validateOptions = {
    root: settings.root,
    signal: hooks.signal,
    ...(behaviour ? { behaviour } : {}),
    ...(hooks.runCheck ? { runCheck: hooks.runCheck } : {}),
    ...(hooks.checkSlot ? { behaviourSlot: hooks.checkSlot } : {}),
  };
  const validate = (answer: string) => validateCandidate(answer, input, validateOptions);
  const evidence = (outcome: { checks?: ModuleChecks; warnings?: readonly string[] }) => ({
    ...(outcome.checks ? { checks: outcome.checks } : {}),
    ...(outcome.warnings && outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
  });
  let usage: TokenUsage = NO_USAGE;
  // A prefetched (Batch API) answer is billed at the batch discount; requests made here at the full price.
  const batchUsage = settings.prefetched?.usage ?? NO_USAGE;
  const cost = (): number | undefined => {
    const full = estimateCost(llm.model, usage, llm.prices);
    const batch = estimateCost(llm.model, batchUsage, llm.prices);
    return full === undefined || batch === undefined ? undefined : full + batch * llm.batchDiscount;
  };
  const fail = (code: string, message: string, hint?: string): GenerationResult => {
    emit({ type: "done", module: input.module, ok: false });
    const c = cost();
    return {
      module: input.module,
      ok: false,
      error: { code, message, fatal: FATAL_PROVIDER_CODES.has(code), attempts, ...(hint ? { hint } : {}) },
      usage: addUsage(usage, batchUsage),
      ...(c === undefined ? {} : { costUsd: c }),
    };
  };
  const served = async (code: string, source: "local" | "remote"): Promise<GenerationResult | undefined> => {
    slot?.release(); // checking a cached answer is no model request
    const outcome = await validate(code);
    if (outcome.diagnostics.length > 0) {
      attempts.push({ attempt: 0, source: source === "local" ? "cache" : "remote-cache", diagnostics: outcome.diagnostics, candidate: outcome.code.slice(0, CANDIDATE_KEEP) });
      return undefined;
    }
    emit({ type: "cache_hit", module: input.module, source });
    emit({ type: "done", module: input.module, ok: true });
    return { module: input.module, ok: true, code: outcome.code, attempts: 0, usage: NO_USAGE, costUsd: 0, cached: true, cacheSource: source, ...evidence(outcome) };
  };

  // Lookup order: local cache, remote cache, model. A re-roll skips the caches, unless offline: then they are all
  // there is. Every cached answer, local or remote, passes the same validation as a fresh one before use.
  if (!settings.noCache && !settings.prefetched && (settings.reroll !== true || settings.offline)) {
    const hit = await readCache(cacheDir, key);
    if (hit) {
      const result = await served(hit.code, "local");
      if (result) return result;
    } else if (settings.remoteCache) {
      const remote = await readRemote(settings.remoteCache, env, key, hooks.signal);
      if (remote.kind === "refused") emit({ type: "remote_cache", module: input.module, message: remote.warning });
      if (remote.kind === "unavailable") emit({ type: "remote_cache", module: input.module, message: remote.warning, off: "reads" });
      if (remote.kind === "hit") {
        const result = await served(remote.entry.code, "remote");
        if (result) {
          // Kept locally: the next build needs no network for it.
          if (result.ok) await writeCache(cacheDir, key, { ...remote.entry, code: result.code });
          return result;
        }
      }
    }
  }
  if (settings.offline) {
    const refused = attempts.at(-1);
    const why = refused ? `its cached answer no longer validates:\n${formatDiagnostics(refused.diagnostics)}` : "no cached answer";
    return fail("generation.offline_miss", `${input.module}: offline and ${why}`, "run without --offline to ask the LLM");
  }

  let client: ChatClient | undefined;
  for (let attempt = 1; attempt <= Math.max(1, settings.attempts); attempt++) {
    const previous = attempts.at(-1);
    const messages = attempt === 1 || !previous ? firstMessages : renderMessages(input, settings.prompts, previous);
    emit({ type: "attempt", module: input.module, attempt });
    let completion: ChatCompletion;
    try {
      if (attempt === 1 && settings.prefetched) {
        completion = { ...settings.prefetched, usage: NO_USAGE, retries: 0 };
      } else {
        client ??= chatClientFor(llm, { ...settings, env });
        await slot?.acquire();
        completion = await client.complete(messages, {
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onRetry: (notice) => emit({ type: "provider_retry", module: input.module, ...notice }),
        onReshape: (note, shape) => emit({ type: "request_reshaped", module: input.module, note, shape }),
        });
      }
    } catch (error) {
      if (hooks.signal?.aborted) throw hooks.signal.reason;
      // Failed requests are billed too: their usage counts toward the module's cost and [build] max_cost.
      if (error instanceof ProviderError) usage = addUsage(usage, error.usage);
      if (error instanceof JauntGenerationError) return fail(error.code, `${input.module}: ${error.message}`, error.hint);
      throw error;
    }
    usage = addUsage(usage, completion.usage);
    // Said before the slot goes back, so a cost cap sees this answer's cost before another module starts.
    const spent = cost();
    emit({ type: "answered", module: input.module, attempt, usage, ...(spent === undefined ? {} : { costUsd: spent }) });
    slot?.release();
    const outcome = await validate(completion.text);
    // Cut off at the token limit: only an unclosed or invalid block is truncated; a complete, valid block
    // followed by cut-off prose is the module.
    // A complete block that ran and behaved wrongly (examples, tests) was not cut off: its diagnostics stand.
    const ran = outcome.complete && outcome.diagnostics.some((d) => isBehaviourCode(d.code));
    const truncated = completion.truncated && !ran && (!outcome.complete || outcome.diagnostics.length > 0);
    const diagnostics = truncated
      ? [{ code: "jaunt/truncated-output", message: `the answer was cut off at the output token limit (finish_reason "${completion.finishReason ?? "length"}"${llm.maxTokens ? `, max_tokens ${llm.maxTokens}` : ""}); return a complete, more compact module` }]
      : outcome.diagnostics;
    if (diagnostics.length === 0) {
      if (!settings.noCache) {
        const entry: CacheEntry = { format: 1, module: input.module, model: llm.model, code: outcome.code, usage: addUsage(usage, batchUsage), createdAt: new Date().toISOString() };
        await writeCache(cacheDir, key, entry);
        // A repaired module also answers its plain prompt, so a rebuild from the cache never brings the failure back.
        if (input.repair) await writeCache(cacheDir, cacheKey(llm, renderMessages({ ...input, repair: undefined }, settings.prompts)), entry);
        if (settings.remoteCache && !settings.remoteCache.readOnly) {
          const upload = await writeRemote(settings.remoteCache, env, key, entry, hooks.signal);
          if (!upload.ok) emit({ type: "remote_cache", module: input.module, message: upload.warning, off: "uploads" });
        }
      }
      emit({ type: "done", module: input.module, ok: true });
      const c = cost();
      return { module: input.module, ok: true, code: outcome.code, attempts: attempt, usage: addUsage(usage, batchUsage), ...(c === undefined ? {} : { costUsd: c }), cached: false, ...evidence(outcome) };
    }
    attempts.push({ attempt, source: attempt === 1 && settings.prefetched ? "batch" : "llm", diagnostics, candidate: outcome.code.slice(0, CANDIDATE_KEEP) });
    emit({ type: "invalid", module: input.module, attempt, diagnostics });
  }
  const last = attempts.at(-1);
  return fail(
    "generation.validation_failed",
    `${input.module}: no valid module after ${settings.attempts} attempt(s)${last ? `; last errors:\n${formatDiagnostics(last.diagnostics)}` : ""}${persistentTestNote(attempts)}`,
    failureHint(last?.diagnostics ?? []),
  );
}

/** The user's tests that failed on every model attempt: likely out of date with the spec, or needing something the environment lacks. */
function persistentTestNote(attempts: readonly AttemptDiagnostics[]): string {
  const rounds = attempts.filter((a) => a.source === "llm" || a.source === "batch");
  const testsOf = (a: AttemptDiagnostics) =>
    new Set(a.diagnostics.flatMap((d) => (d.userTest === undefined ? [] : [d.userTest])));
  const [first, ...rest] = rounds.map(testsOf);
  if (!first || rounds.length < 2) return "";
  const every = [...first].filter((t) => rest.every((r) => r.has(t)));
  if (every.length === 0) return "";
  return `\n${every.join("; ")} failed on every attempt: it may be out of date with the spec or the environment (fix the test, or set [build] verify_tests = false)`;
}

/** The `JauntGenerationError` for a failed result, for callers that throw. */
export function generationError(result: Extract<GenerationResult, { ok: false }>): JauntGenerationError {
  return new JauntGenerationError(result.error.message, result.error.code, result.error.hint ? { hint: result.error.hint } : {});
}

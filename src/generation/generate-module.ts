/**
 * Generate one module: cache → LLM → validate → retry with the previous
 * output's errors, with token and cost accounting. Plain data in and out.
 */
import { JauntGenerationError } from "@jaunt/runtime";
import { cacheKey, defaultCacheDir, readCache, writeCache } from "./cache/response-cache.ts";
import { addUsage, estimateCost, NO_USAGE } from "./cost.ts";
import { createChatClient, type ChatClient } from "./llm/chat-client.ts";
import { resolveEndpoint } from "./llm/endpoint.ts";
import { FATAL_PROVIDER_CODES, ProviderError } from "./llm/failure.ts";
import { mergedEnv } from "./llm/env-file.ts";
import { renderMessages } from "./prompts/render-messages.ts";
import type { AttemptDiagnostics, GenerationHooks, GenerationInput, GenerationResult, GenerationSettings, ModuleChecks, TokenUsage } from "./types.ts";
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
  const behaviour = settings.behaviour && input.kind === "build" ? { ...settings.behaviour, env: settings.env ?? process.env, apiKeyEnv: llm.apiKeyEnv } : undefined;
  const validateOptions = { root: settings.root, signal: hooks.signal, ...(behaviour ? { behaviour } : {}) };
  // Validation is CPU work (type check, examples): it holds a check slot, not a request slot.
  const validate = async (answer: string) => {
    await hooks.checkSlot?.acquire();
    try {
      return await validateCandidate(answer, input, validateOptions);
    } finally {
      hooks.checkSlot?.release();
    }
  };
  const evidence = (outcome: { checks?: ModuleChecks; warnings?: readonly string[] }) => ({
    ...(outcome.checks ? { checks: outcome.checks } : {}),
    ...(outcome.warnings && outcome.warnings.length > 0 ? { warnings: outcome.warnings } : {}),
  });
  let usage: TokenUsage = NO_USAGE;
  const cost = () => estimateCost(llm.model, usage, llm.prices);
  const fail = (code: string, message: string, hint?: string): GenerationResult => {
    emit({ type: "done", module: input.module, ok: false });
    const c = cost();
    return {
      module: input.module,
      ok: false,
      error: { code, message, fatal: FATAL_PROVIDER_CODES.has(code), attempts, ...(hint ? { hint } : {}) },
      usage,
      ...(c === undefined ? {} : { costUsd: c }),
    };
  };

  // A re-roll skips the cached answer, unless offline: then the cache is all there is.
  if (!settings.noCache && (settings.reroll !== true || settings.offline)) {
    const hit = await readCache(cacheDir, key);
    if (hit) {
      slot?.release();
      const outcome = await validate(hit.code);
      if (outcome.diagnostics.length === 0) {
        emit({ type: "cache_hit", module: input.module });
        emit({ type: "done", module: input.module, ok: true });
        return { module: input.module, ok: true, code: outcome.code, attempts: 0, usage: NO_USAGE, costUsd: 0, cached: true, ...evidence(outcome) };
      }
      attempts.push({ attempt: 0, source: "cache", diagnostics: outcome.diagnostics, candidate: outcome.code.slice(0, CANDIDATE_KEEP) });
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
    client ??= createChatClient(llm, resolveEndpoint(llm, mergedEnv(settings.root, settings.env ?? process.env)), settings.backoff, settings.requestShape);
    let completion;
    try {
      await slot?.acquire();
      completion = await client.complete(messages, {
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onRetry: (notice) => emit({ type: "provider_retry", module: input.module, ...notice }),
        onReshape: (note, shape) => emit({ type: "request_reshaped", module: input.module, note, shape }),
      });
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
    const ran = outcome.complete && outcome.diagnostics.some((d) => d.code.startsWith("jaunt/example") || d.code.startsWith("jaunt/test"));
    const truncated = completion.truncated && !ran && (!outcome.complete || outcome.diagnostics.length > 0);
    const diagnostics = truncated
      ? [{ code: "jaunt/truncated-output", message: `the answer was cut off at the output token limit (finish_reason "${completion.finishReason ?? "length"}"${llm.maxTokens ? `, max_tokens ${llm.maxTokens}` : ""}); return a complete, more compact module` }]
      : outcome.diagnostics;
    if (diagnostics.length === 0) {
      if (!settings.noCache) {
        await writeCache(cacheDir, key, { format: 1, module: input.module, model: llm.model, code: outcome.code, usage, createdAt: new Date().toISOString() });
      }
      emit({ type: "done", module: input.module, ok: true });
      const c = cost();
      return { module: input.module, ok: true, code: outcome.code, attempts: attempt, usage, ...(c === undefined ? {} : { costUsd: c }), cached: false, ...evidence(outcome) };
    }
    attempts.push({ attempt, source: "llm", diagnostics, candidate: outcome.code.slice(0, CANDIDATE_KEEP) });
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
  const rounds = attempts.filter((a) => a.source === "llm");
  const testsOf = (a: AttemptDiagnostics) =>
    new Set(a.diagnostics.filter((d) => d.code === "jaunt/test" && d.message.includes("the user's test")).map((d) => d.message.slice(0, d.message.indexOf(" failed")).trim()));
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

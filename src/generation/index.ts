/** Public face of the generation backend. */
export { generateModule, generationError } from "./generate-module.ts";
export { clearCache, defaultCacheDir } from "./cache/response-cache.ts";
export { BUILTIN_PRICES, estimateCost, priceOf, addUsage } from "./cost.ts";
export { renderMessages } from "./prompts/render-messages.ts";
export { renderTemplate, TEMPLATE_PLACEHOLDERS } from "./prompts/render-template.ts";
export { HANDWRITTEN_SOURCE_LIMIT } from "./prompts/sections.ts";
export { validateCandidate } from "./validate/validate-candidate.ts";
export { resolveEndpoint } from "./llm/endpoint.ts";
export type * from "./types.ts";

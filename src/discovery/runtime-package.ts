/** The package users import specs' `magic`/`test` from. Kept apart from the parser so the cheap text check does not load TypeScript. */
export const RUNTIME_PACKAGE = "@jaunt/runtime";

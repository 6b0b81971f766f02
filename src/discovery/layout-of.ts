/**
 * The layout a parse records for comment-only re-plans (comment-patch.ts):
 * TypeScript node positions turned into indexes of the token stream Jaunt's
 * own lexer gives, so a later run can find the same statements in an edited
 * text without the compiler. Undefined when a position does not fall on a
 * token boundary of that lexer (the patch is then never tried).
 */
import ts from "typescript";
import { codeDigest, type FileLayout, type SpecLayout, tokenView } from "./comment-patch.ts";

/** What a parse knows about one recorded spec, for its layout. */
export interface SpecSite {
  readonly statement: ts.Node;
  /** A function spec's body (its comments are body comments); undefined for a class. */
  readonly body: ts.Node | undefined;
  readonly rest: string;
  readonly types: string;
  readonly codeRefs: readonly string[];
}

export function layoutOf(source: ts.SourceFile, sites: readonly SpecSite[], typeDecls: readonly ts.Node[]): FileLayout | undefined {
  const view = tokenView(source.text);
  const byStart = new Map<number, number>();
  const byEnd = new Map<number, number>();
  view.code.forEach((token, index) => {
    byStart.set(token.start, index);
    byEnd.set(token.end, index);
  });
  const range = (node: ts.Node): readonly [number, number] | undefined => {
    const first = byStart.get(node.getStart(source));
    const last = byEnd.get(node.end);
    return first === undefined || last === undefined ? undefined : [first, last];
  };
  const specs: SpecLayout[] = [];
  for (const site of sites) {
    const at = range(site.statement);
    const body = site.body ? byStart.get(site.body.getStart(source)) : -1;
    if (!at || body === undefined) return undefined;
    specs.push({ first: at[0], last: at[1], body, rest: site.rest, types: site.types, codeRefs: site.codeRefs });
  }
  const fixed: (readonly [number, number])[] = [];
  for (const decl of typeDecls) {
    const at = range(decl);
    if (!at) return undefined;
    fixed.push(at);
  }
  const imports = source.statements.filter((s) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s));
  const lastImportNode = imports[imports.length - 1];
  const lastImport = lastImportNode ? byEnd.get(lastImportNode.end) : -1;
  if (lastImport === undefined) return undefined;
  return { code: codeDigest(view), comments: view.comments.map((c) => [c.gap, c.token.text] as const), specs, fixed, lastImport };
}

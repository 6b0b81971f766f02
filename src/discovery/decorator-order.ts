/**
 * `@magic()` must be the decorator closest to the class. Decorators apply
 * bottom-up: one written below `@magic()` runs on the stub class, which the
 * runtime then replaces with the generated class — a registry would hold the
 * stub, `Object.freeze` would freeze the wrong prototype, and nothing would
 * say so. Decorators above it receive the generated class and work.
 */
import ts from "typescript";

export interface DecoratorOrderProblem {
  readonly node: ts.Node;
  readonly message: string;
  readonly hint: string;
}

/** A problem when decorators sit below `magic` (the spec decorator of `statement`), else undefined. */
export function decoratorOrderProblem(source: ts.SourceFile, statement: ts.ClassDeclaration, magic: ts.Decorator): DecoratorOrderProblem | undefined {
  const decorators = ts.getDecorators(statement) ?? [];
  const below = decorators.slice(decorators.indexOf(magic) + 1);
  const first = below[0];
  if (first === undefined) return undefined;
  const names = below.map((d) => `@${d.expression.getText(source)}`).join(" ");
  const spec = `@${magic.expression.getText(source).split("\n")[0] ?? ""}`;
  const name = statement.name?.text ?? "the class";
  return {
    node: first,
    message: `${names} below ${spec} would apply to the stub of \`${name}\`, which is replaced by the generated class: ${below.length === 1 ? "its" : "their"} effect would be lost`,
    hint: `put ${spec} last, closest to the class (decorators above it apply to the generated class)`,
  };
}

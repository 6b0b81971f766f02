/** Whether this process is the compiled jaunt executable (its modules live on Bun's embedded filesystem). */
export function isCompiledExecutable(main: string = Bun.main, self: string = import.meta.url): boolean {
  const embedded = (p: string) => p.includes("/$bunfs/") || /^(?:file:\/\/\/)?[A-Za-z]:[\\/]~BUN[\\/]/.test(p);
  return embedded(main) || embedded(self);
}

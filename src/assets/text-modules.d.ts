// Markdown and example files are embedded as text (`with { type: "text" }`).
declare module "*.md" {
  const text: string;
  export default text;
}

// The example jaunt.toml shipped with the skill docs is embedded as text too.
declare module "*.toml" {
  const text: string;
  export default text;
}

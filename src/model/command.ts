/**
 * A command as the seed and deploy recognisers see it: argv after wrappers and package runners are
 * stripped (`npx`, `pnpm exec`, `env`, `cross-env`, `dotenv --`, `bunx`, `node_modules/.bin/…`).
 */
export interface LeafCommand {
  argv: string[]
  /** the effective environment: workflow/job/step env, then `VAR=x` prefixes */
  env: Record<string, string>
  /** repository-relative working directory */
  cwd: string
  /** the here-document the command reads (`psql <<SQL … SQL`), where it has one */
  stdin?: string
  /** the file it reads through `<` (`mysql app < reset.sql`), relative to cwd, where it is known */
  stdinFile?: string
}

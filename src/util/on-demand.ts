/**
 * What is imported only when a repository or a command needs it: the parsers of prisma.config.ts,
 * rake tasks, ASP.NET Core startup code, Spring Boot runners, Go servers and Python app start code, and the commands that open databases (`verify`, `protect`, `cleanup`, `guard`, `restore`) with their drivers. All in this one module because the CLI's
 * build keeps it an ES module outside the code-cached core (src/cli/code-cache.ts): a script
 * compiled from V8's code cache cannot import() on Node 20.
 */
type BabelParser = typeof import('@babel/parser')
/** @babel/parser is CommonJS: bundled into a chunk of its own, it arrives as the default export alone */
export const importBabelParser = async (): Promise<BabelParser> => {
  const loaded = (await import('@babel/parser')) as BabelParser & { default?: BabelParser }
  return typeof loaded.parse === 'function' ? loaded : loaded.default!
}
export const importPrism = () => import('@ruby/prism')
export const importGrammarParser = () => import('./tree-sitter.js')
export const importVerifyCommand = () => import('../cli/verify.js')
export const importProtectCommand = () => import('../cli/protect.js')
export const importCleanupCommand = () => import('../cli/cleanup.js')
export const importGuardCommand = () => import('../cli/guard.js')
export const importRestoreCommand = () => import('../cli/restore.js')

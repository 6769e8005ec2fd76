import type { LeafCommand } from '../../src/model/command.js'
import type { Confidence } from '../../src/model/production.js'
import type { Project } from '../../src/project/project.js'
import type { SeedMatch, SeedTool, WipeMatch } from '../../src/seeds/types.js'
import { projectOf } from '../helpers/project.js'

/** `FOO=1 tool "a b" 'c'` → argv without quotes; leading `VAR=value` words become the environment. */
export function leafOf(line: string, cwd = '.'): LeafCommand {
  const argv = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!)
  const env: Record<string, string> = {}
  while (argv[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(argv[0])) {
    const [name, ...value] = argv.shift()!.split('=')
    env[name!] = value.join('=')
  }
  return { argv, env, cwd }
}

export function seedOf(tool: SeedTool, line: string, project: Project = projectOf(), cwd = '.'): SeedMatch | undefined {
  return tool.match?.(leafOf(line, cwd), project)
}

export function wipeOf(tool: SeedTool, line: string, project: Project = projectOf(), cwd = '.'): WipeMatch | undefined {
  return tool.wipes?.(leafOf(line, cwd), project)
}

/** The table cell for a command's wipe: its confidence, or 'none' when it wipes nothing. */
export function wipeConfidenceOf(tool: SeedTool, line: string, project?: Project, cwd?: string): Confidence | 'none' {
  return wipeOf(tool, line, project, cwd)?.confidence ?? 'none'
}

/** The table cell for a command: its confidence, or 'none' when it does not seed. */
export function confidenceOf(tool: SeedTool, line: string, project?: Project, cwd?: string): Confidence | 'none' {
  return seedOf(tool, line, project, cwd)?.confidence ?? 'none'
}

export function migratesOf(tool: SeedTool, line: string, project: Project = projectOf(), cwd = '.'): boolean {
  return tool.migrates?.(leafOf(line, cwd), project) ?? false
}

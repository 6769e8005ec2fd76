import type { DeployMatch } from '../deploys/types.js'
import type { SeedTool } from '../seeds/types.js'
import type { SeedguardConfig } from './types.js'

/**
 * The repository's own seed and deploy commands from the config (`seed-commands: [make seed]`),
 * matched as word prefixes of a command after wrappers and runners are stripped.
 */
export interface CustomCommands {
  seed(argv: string[]): SeedTool | undefined
  deploy(argv: string[]): DeployMatch | undefined
}

export function customCommands(config: SeedguardConfig): CustomCommands {
  const seeds = config.seedCommands.map(words)
  const deploys = config.deployCommands.map(words)
  return {
    seed(argv) {
      const hit = seeds.find((prefix) => startsWith(argv, prefix))
      return hit && { id: 'config', title: 'configured seed command', docs: '.seedguard.yml#seed-commands', match: () => ({ confidence: 'high', note: `listed in seed-commands as \`${hit.join(' ')}\`` }) }
    },
    deploy(argv) {
      const hit = deploys.find((prefix) => startsWith(argv, prefix))
      return hit && { target: 'production', detail: `\`${argv.join(' ')}\` (listed in deploy-commands)` }
    },
  }
}

function words(command: string): string[] {
  return command.trim().split(/\s+/).map(normalise)
}

function startsWith(argv: string[], prefix: string[]): boolean {
  return prefix.length > 0 && prefix.length <= argv.length && prefix.every((word, i) => normalise(argv[i]!) === word)
}

/** `./bin/seed` and `bin/seed` are the same command */
function normalise(word: string): string {
  return word.replace(/^\.\//, '')
}

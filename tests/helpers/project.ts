import { DEFAULT_CONFIG, type SeedguardConfig } from '../../src/config/types.js'
import { Deployments } from '../../src/production/deployments.js'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { readFacts } from '../../src/seeds/facts/index.js'
import { Project } from '../../src/project/project.js'
import { sources } from '../../src/sources/index.js'

/** A Project over an in-memory tree, for table tests of recognisers and runners. */
export function projectOf(files: Record<string, string> = {}): Project {
  return new Project(new FileCache(MemoryFiles.of(files)))
}

/** The same, with the facts a real run reads ahead (prisma.config.* through the TypeScript parser). */
export async function projectWithFacts(files: Record<string, string>): Promise<Project> {
  const cache = new FileCache(MemoryFiles.of(files))
  return new Project(cache, await readFacts(cache))
}

export function packageJson(content: object): string {
  return JSON.stringify(content, null, 2) + '\n'
}

/** What the project's deploys ship, as a check reads it: every source reader's `deploys`. */
export function deploymentsOf(project: Project, config: SeedguardConfig = DEFAULT_CONFIG): Deployments {
  return new Deployments(project, config, sources)
}

import type { FileCache } from './files.js'
import { loadPrismaConfigs } from './prisma-config.js'
import type { ProjectFacts } from './project.js'
import { loadRakeTasks } from './rake-tasks.js'

/**
 * Facts that need a parser loaded on demand (TypeScript for prisma.config.ts, Ruby for rake tasks),
 * read before the synchronous check. Every front end (CLI, action, hook) calls this once.
 */
export async function readFacts(cache: FileCache): Promise<ProjectFacts> {
  const [prismaConfigs, rakeTasks] = await Promise.all([loadPrismaConfigs(cache), loadRakeTasks(cache)])
  return { prismaConfigs, rakeTasks }
}

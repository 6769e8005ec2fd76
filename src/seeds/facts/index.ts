import type { FileCache } from '../../project/files.js'
import { loadPrismaConfigs } from '../../project/prisma-config.js'
import type { ProjectFacts } from '../../project/project.js'
import { loadAspNetApps } from './aspnet-startup.js'
import { loadCapistranoFiles } from './capistrano.js'
import { loadEcosystemFiles } from './pm2-ecosystem.js'
import { loadRakeTasks } from './rake-tasks.js'
import { loadSeedScriptGuards } from './script-guards.js'
import { loadPythonModules } from './python-start.js'
import { loadStartModules } from './start-effects.js'

/**
 * Facts that need a parser loaded on demand (TypeScript for prisma.config.ts, seed scripts, PM2 ecosystem files and an application's start code, Ruby for rake tasks and Capistrano, C# for ASP.NET Core startup code, Python for Python app start code),
 * read before the synchronous check. Every front end (CLI, action, hook) calls this once.
 */
export async function readFacts(cache: FileCache): Promise<ProjectFacts> {
  const [prismaConfigs, rakeTasks, seedScriptGuards, capistranoFiles, ecosystemFiles, startModules, aspNetApps, pythonModules] = await Promise.all([
    loadPrismaConfigs(cache),
    loadRakeTasks(cache),
    loadSeedScriptGuards(cache),
    loadCapistranoFiles(cache),
    loadEcosystemFiles(cache),
    loadStartModules(cache),
    loadAspNetApps(cache),
    loadPythonModules(cache),
  ])
  return { prismaConfigs, rakeTasks, seedScriptGuards, capistranoFiles, ecosystemFiles, startModules, aspNetApps, pythonModules }
}

import type { FileCache } from '../../project/files.js'
import { loadPrismaConfigs } from '../../project/prisma-config.js'
import type { ProjectFacts } from '../../project/project.js'
import { loadAspNetApps } from './aspnet-startup.js'
import { loadCapistranoFiles } from './capistrano.js'
import { loadGoPrograms } from './go-main.js'
import { loadEcosystemFiles } from './pm2-ecosystem.js'
import { loadRailsSeedGuards } from './rails-seeds.js'
import { loadRakeTasks } from './rake-tasks.js'
import { loadSeedScriptGuards } from './script-guards.js'
import { loadPythonModules } from './python-start.js'
import { loadSpringModules } from './spring-runners.js'
import { loadStartModules } from './start-effects.js'

/**
 * Facts that need a parser loaded on demand (TypeScript for prisma.config.ts, seed scripts, PM2 ecosystem files and an application's start code, Ruby for rake tasks, Capistrano and db/seeds.rb, C# for ASP.NET Core startup code, Java for Spring Boot runners, Go for servers' main, Python for Python app start code),
 * read before the synchronous check. Every front end (CLI, action, hook) calls this once.
 */
export async function readFacts(cache: FileCache): Promise<ProjectFacts> {
  const [prismaConfigs, rakeTasks, scriptGuards, railsSeedGuards, capistranoFiles, ecosystemFiles, startModules, aspNetApps, springModules, goPrograms, pythonModules] = await Promise.all([
    loadPrismaConfigs(cache),
    loadRakeTasks(cache),
    loadSeedScriptGuards(cache),
    loadRailsSeedGuards(cache),
    loadCapistranoFiles(cache),
    loadEcosystemFiles(cache),
    loadStartModules(cache),
    loadAspNetApps(cache),
    loadSpringModules(cache),
    loadGoPrograms(cache),
    loadPythonModules(cache),
  ])
  // by path: a JS/TS seed script's opening exits, a Rails app's db/seeds.rb's
  const seedScriptGuards = new Map([...scriptGuards, ...railsSeedGuards])
  return { prismaConfigs, rakeTasks, seedScriptGuards, capistranoFiles, ecosystemFiles, startModules, aspNetApps, springModules, goPrograms, pythonModules }
}

import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import adonis from './adonis.js'
import appStart from './app-start.js'
import blitz from './blitz.js'
import diesel from './diesel.js'
import django from './django.js'
import dotnet from './dotnet.js'
import drizzle from './drizzle.js'
import flask from './flask.js'
import golangMigrate from './golang-migrate.js'
import goServer from './go-server.js'
import goose from './goose.js'
import flyway from './flyway.js'
import ecto from './ecto.js'
import hasura from './hasura.js'
import httpEndpoint from './http-endpoint.js'
import knex from './knex.js'
import laravel from './laravel.js'
import liquibase from './liquibase.js'
import medusa from './medusa.js'
import mikroOrm from './mikro-orm.js'
import packageScript from './package-script.js'
import prisma from './prisma.js'
import projectProgram from './project-program.js'
import pythonStart from './python-start.js'
import rails from './rails.js'
import redwood from './redwood.js'
import seaOrm from './sea-orm.js'
import seedFile from './seed-file.js'
import springBoot from './spring-boot.js'
import springRunner from './spring-runner.js'
import sqlClients from './sql-clients.js'
import sequelize from './sequelize.js'
import sqlx from './sqlx.js'
import strapi from './strapi.js'
import supabase from './supabase.js'
import symfony from './symfony.js'
import typeorm from './typeorm.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

/** Every seed recogniser. Order matters only for the generic ones: a script named seed.ts is the fallback. */
export const seedTools: SeedTool[] = [
  prisma,
  redwood,
  blitz,
  knex,
  sequelize,
  typeorm,
  mikroOrm,
  adonis,
  medusa,
  strapi,
  rails,
  laravel,
  django,
  flask,
  symfony,
  ecto,
  supabase,
  hasura,
  dotnet,
  springBoot,
  flyway,
  liquibase,
  goose,
  golangMigrate,
  sqlx,
  diesel,
  seaOrm,
  // reads the script a command runs for a drizzle-seed import, so it precedes the name-based fallback
  drizzle,
  seedFile,
  // a server whose own start code wipes or seeds (`sequelize.sync({ force: true })`): after the seed script a command may name
  appStart,
  // a Spring Boot application's runners and a Go program's main that seed or wipe on each start
  springRunner,
  goServer,
  // a Python web app whose start code wipes or seeds (`metadata.drop_all()` at import, a seed in the lifespan)
  pythonStart,
  // a package script named for seeding that the walker could not follow
  packageScript,
  // a subcommand or switch named for seeding, given to a program the project builds itself
  projectProgram,
  // a request to the app's own route named for seeding
  httpEndpoint,
  // wipes only: dropdb, and psql/mysql running DROP or TRUNCATE
  sqlClients,
]

/** The first tool that recognises the command as a seed. */
export function matchSeed(cmd: LeafCommand, project: Project): { tool: SeedTool; match: SeedMatch } | undefined {
  for (const tool of seedTools) {
    const match = tool.match?.(cmd, project)
    if (match) return { tool, match }
  }
  return undefined
}

/** The first tool that recognises the command as dropping or wiping data. */
export function matchWipe(cmd: LeafCommand, project: Project): { tool: SeedTool; wipe: WipeMatch } | undefined {
  for (const tool of seedTools) {
    const wipe = tool.wipes?.(cmd, project)
    if (wipe) return { tool, wipe }
  }
  return undefined
}

/** The first tool that recognises the command as a migration against a real database. */
export function matchMigration(cmd: LeafCommand, project: Project): SeedTool | undefined {
  return seedTools.find((tool) => tool.migrates?.(cmd, project) === true)
}

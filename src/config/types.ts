/** The settings a repository can change in `.seedguard.yml` (or package.json `seedguard`). */
export interface SeedguardConfig {
  /** environment names that mean production (case-insensitive, whole name) */
  productionEnvironments: string[]
  /** environment names that are never production */
  nonProductionEnvironments: string[]
  /** branches whose pushes deploy to production */
  defaultBranches: string[]
  /** extra commands that seed, as word prefixes (`make seed`, `./bin/load-fixtures`) */
  seedCommands: string[]
  /** extra commands that deploy to production, as word prefixes (`./scripts/deploy.sh`) */
  deployCommands: string[]
  /** globs of database host names that are production: `seedguard guard` refuses a seed against them */
  productionDatabaseHosts: string[]
  /** globs of database names that are production */
  productionDatabaseNames: string[]
  /** globs of files not to read */
  ignore: string[]
  /** accepted findings: file (glob) + rule + why */
  allow: { file: string; rule: string; reason: string }[]
}

export const DEFAULT_CONFIG: SeedguardConfig = {
  productionEnvironments: ['production', 'prod', 'live', 'prd'],
  nonProductionEnvironments: ['staging', 'stage', 'stg', 'preview', 'development', 'dev', 'test', 'testing', 'qa', 'uat', 'review', 'sandbox', 'local', 'ci', 'e2e', 'demo'],
  defaultBranches: ['main', 'master'],
  seedCommands: [],
  deployCommands: [],
  productionDatabaseHosts: [],
  productionDatabaseNames: [],
  ignore: [],
  allow: [],
}

// https://render.com/docs/deploy-rails#create-a-build-script : a script named for deploying is an entry point
import type { SeedguardConfig } from '../config/types.js'
import type { ExecutionContext, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import type { DeployReading, Deployments } from '../production/deployments.js'
import type { Project } from '../project/project.js'
import { nameVerdict } from '../production/evidence.js'
import { deployScriptName, namedForBuilding, namedForSetup, type DeployScriptName } from '../project/deploy-scripts.js'
import { matchMigration } from '../seeds/index.js'
import { commandText, parseShellOnce } from '../shell/parse.js'
import { unwrap } from '../shell/wrappers.js'
import { composeRunHow } from './docker/compose-command.js'
import { readShellDocker } from './docker/shell-docker.js'
import { basenameOf } from '../util/paths.js'
import { shellOfScript } from '../util/shebang.js'
import { productionRoleOf } from './script-role.js'
import { uncalledScriptCwd } from './script-cwd.js'
import type { SourceReader } from './types.js'

/**
 * Shell scripts named for deploying or for production, as entry points of their own: a deploy often
 * lives outside the repository (`./deploy.sh` typed on a server, a platform's build command set in
 * its dashboard), so `scripts/deploy-prod.sh` is a production path even when no file of the
 * repository runs it. A name for production (`deploy-prod.sh`, `start-production.sh`) or a platform's
 * build-script convention decides; a name only for deploying (`deploy.sh`) is production when the
 * script itself deploys (`ssh host …`, `fly deploy`), else uncertain, as a Makefile deploy target is.
 * A script named for nothing of the kind is one by what it does (script-role.ts), uncertain too.
 * A name for staging, development or tests keeps it out.
 */
const deployScript: SourceReader = {
  id: 'deploy-script',
  title: 'Deploy scripts',
  docs: 'https://render.com/docs/deploy-rails#create-a-build-script',
  files: ['**/*.sh', '**/*.bash', '**/bin/*', '**/script/*', '**/scripts/*'],
  candidates: true,
  read(file, project, config, deployments) {
    const named = deployScriptName(file)
    const lines = project.cache.get(file)
    // without a `#!` line the shell of whoever runs it reads it: a dashboard's or a person's, not in the files
    const shell = lines && (/^#!/.test(lines.text) ? shellOfScript(lines.text) : 'sh-or-bash')
    // an extension-less file not named for deploying is a shell script by its `#!` line
    if (!lines || !shell || !(named || /\.(sh|bash)$/.test(file) || /^#!/.test(lines.text))) return { contexts: [], problems: [] }
    const source: ShellSource = { text: lines.text, offsets: (i) => i, file, shell }
    const span = lines.span(0, lines.lineText(1).length)
    const reason = deployReason(named, project, config, deployments, source, span)
    if (!reason) return { contexts: [], problems: [] }
    const context: ExecutionContext = {
      id: `${file}#script`,
      unlessRun: [`file:${file}`],
      label: `deploy script ${file}`,
      span,
      reasons: [reason],
      steps: [{ label: `\`${basenameOf(file)}\``, span, source, cwd: uncalledScriptCwd(project, source), env: {}, reasons: [] }],
    }
    return { contexts: [context], problems: [] }
  },
  deploys: scriptDeploys(),
}

/** why the script is an entry point of production: its name, else what it does; undefined when neither says so */
function deployReason(named: DeployScriptName | undefined, project: Project, config: SeedguardConfig, deployments: Deployments, source: ShellSource, span: Span): ProductionReason | undefined {
  const file = source.file
  const verdicts = (named?.words ?? [basenameOf(file)]).map((w) => nameVerdict(w, config))
  if (verdicts.includes('not-production')) return undefined
  if (named && (named.platform || named.deploys || verdicts.includes('production'))) {
    const production = named.platform || verdicts.includes('production')
    const migration = production ? undefined : migrationIn(source, project)
    const detail = named.platform
      ? `${file} is the build script Render's dashboard runs on every deploy (its Rails guide's convention)`
      : production
        ? `${file} is named for production; it is run by hand or by a pipeline outside the repository`
        : migration
          ? `${file} is named for deploying and migrates a database (\`${migration}\`): the database a deploy migrates is the deployed app's`
          : `${file} is named for deploying; which environment it deploys to is not in the files`
    return { kind: 'platform-phase', towards: true, detail, span, ...(!production && !migration && { weak: true }) }
  }
  // a build needs no database: a build script that migrates one runs where the deployed app's database is,
  // as a platform's build command does (Render's `./build.sh`)
  const buildMigration = namedForBuilding(file) ? migrationIn(source, project) : undefined
  if (buildMigration) return { kind: 'platform-phase', towards: true, detail: `${file} is named for building and migrates a database (\`${buildMigration}\`): a platform's build command (Render's \`./build.sh\`) runs against the deployed app's database`, span }
  // a setup script brings a developer's checkout up to date, unless its name says production
  if (namedForSetup(file) && !verdicts.includes('production')) return undefined
  const role = productionRoleOf(project, config, deployments, source)
  return role === undefined ? undefined : { kind: 'platform-phase', towards: true, detail: `${role}; who runs it is not in the files`, span, weak: true }
}
export default deployScript

/** What any shell script ships (`docker push`, `helm upgrade`, `ssh host docker compose up`, `ansible-playbook -i`), whatever its name. */
function scriptDeploys(): DeployReading {
  return {
    files: ['**/*.sh', '**/*.bash'],
    read(file, project, config, out) {
      const lines = project.cache.get(file)
      if (!lines || !/\bdocker\b|docker-compose|\bhelm\b|\bkubectl\b|ansible-playbook|systemctl|systemd/.test(lines.text)) return
      const source: ShellSource = { text: lines.text, offsets: (i) => i, file, shell: 'bash' }
      const found = readShellDocker(project, source, uncalledScriptCwd(project, source))
      // the inventory it names says where a playbook runs, unless the script's own name says staging
      for (const { command, ...run } of found.playbooks) out.playbookRuns.push({ ...run, production: nameVerdict(file, config) === 'not-production' ? 'not-production' : 'unknown', detail: `${command} in ${file}` })
      if (nameVerdict(file, config) === 'not-production') {
        // `deploy-staging.sh` brings its stack up on staging: that stack is not the production one
        if (deployScriptName(file)) for (const up of [...found.composeUp, ...found.remoteComposeUp]) out.composeRuns.push({ ...up, production: 'not-production', detail: `${composeRunHow(up, 'brought up')} by ${file}, a script named for a non-production environment` })
        if (deployScriptName(file)) for (const { unit, command } of found.units) out.unitRuns.push({ unit, production: 'not-production', detail: `${command} in ${file}, a script named for a non-production environment` })
        return
      }
      // a script is run by someone: production when the command names production, uncertain otherwise
      for (const m of found.manifests) out.manifestRuns.push({ ...m, production: m.target, detail: `applied by ${m.command} in ${file}` })
      for (const up of found.remoteComposeUp) out.composeRuns.push({ ...up, production: 'production', detail: `${composeRunHow(up, 'brought up on a server')} by ${file}` })
      // a script named for deploying (`deploy.sh` run on the server after a pull) brings the stack up where it runs
      if (deployScriptName(file)) for (const up of found.composeUp) out.composeRuns.push({ ...up, production: 'production', detail: `brought up by ${file}, a script named for deploying` })
      // a unit the script starts on a server, or where it runs when it is named for deploying, runs its Exec lines there
      for (const { unit, command, remote } of found.units) if (remote || deployScriptName(file)) out.unitRuns.push({ unit, production: 'production', detail: `${command} ${remote ? 'on a server' : 'where it runs'} in ${file}${remote ? '' : ', a script named for deploying'}` })
      const deploys = /deploy|release|publish|push/i.test(basenameOf(file))
      for (const { deployed, ...b } of found.builds) if (deployed || (deploys && found.pushes)) out.images.push({ ...b, production: 'production', via: 'script', detail: `${deployed ? `deployed with ${deployed}` : 'built and pushed'} by ${file}`, ...(!deployed && { buildOnly: true }) })
    },
  }
}

/** the first command of the script itself that migrates a database (`npx prisma migrate deploy`), as written */
function migrationIn(source: ShellSource, project: Project): string | undefined {
  const lines = project.cache.get(source.file)
  if (!lines) return undefined
  for (const command of parseShellOnce(source, lines, uncalledScriptCwd(project, source)).commands) {
    const { words, env } = unwrap(command.words)
    if (matchMigration({ argv: words.map((w) => w.value), env: { ...command.assignments, ...env }, cwd: command.cwd }, project)) return commandText(command.words)
  }
  return undefined
}

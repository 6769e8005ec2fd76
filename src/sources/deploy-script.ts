// https://render.com/docs/deploy-rails#create-a-build-script : a script named for deploying is an entry point
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { DeployReading } from '../production/deployments.js'
import { classifyEnvironmentName, nameVerdict } from '../production/evidence.js'
import { deployScriptName } from '../project/deploy-scripts.js'
import { readShellDocker } from './docker/shell-docker.js'
import { basenameOf, dirnameOf } from '../util/paths.js'
import { shellOfScript } from '../util/shebang.js'
import type { SourceReader } from './types.js'

/**
 * Shell scripts named for deploying or for production, as entry points of their own: a deploy often
 * lives outside the repository (`./deploy.sh` typed on a server, a platform's build command set in
 * its dashboard), so `scripts/deploy-prod.sh` is a production path even when no file of the
 * repository runs it. A name for production (`deploy-prod.sh`, `start-production.sh`) or a platform's
 * build-script convention decides; a name only for deploying (`deploy.sh`) is production when the
 * script itself deploys (`ssh host …`, `fly deploy`), else uncertain, as a Makefile deploy target is.
 * A name for staging, development or tests keeps it out.
 */
const deployScript: SourceReader = {
  id: 'deploy-script',
  title: 'Deploy scripts',
  docs: 'https://render.com/docs/deploy-rails#create-a-build-script',
  files: ['**/*.sh', '**/bin/*', '**/scripts/*'],
  accepts: (file) => deployScriptName(file) !== undefined,
  candidates: true,
  read(file, project, config) {
    const named = deployScriptName(file)
    const lines = project.cache.get(file)
    const shell = lines && shellOfScript(lines.text)
    if (!named || !lines || !shell) return { contexts: [], problems: [] }
    const verdicts = named.words.map((w) => classifyEnvironmentName(w, config))
    if (verdicts.includes('not-production')) return { contexts: [], problems: [] }
    const span = lines.span(0, lines.lineText(1).length)
    const production = named.platform || verdicts.includes('production')
    if (!production && !named.deploys) return { contexts: [], problems: [] }
    const detail = named.platform
      ? `${file} is the build script Render's dashboard runs on every deploy (its Rails guide's convention)`
      : production
        ? `${file} is named for production; it is run by hand or by a pipeline outside the repository`
        : `${file} is named for deploying; which environment it deploys to is not in the files`
    const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail, span, ...(!production && { weak: true }) }
    const context: ExecutionContext = {
      id: `${file}#script`,
      unlessRun: [`file:${file}`],
      label: `deploy script ${file}`,
      span,
      reasons: [reason],
      steps: [{ label: `\`${basenameOf(file)}\``, span, source: { text: lines.text, offsets: (i) => i, file, shell }, cwd: dirnameOf(file), env: {}, reasons: [] }],
    }
    return { contexts: [context], problems: [] }
  },
  deploys: scriptDeploys(),
}
export default deployScript

/** What any shell script ships (`docker push`, `helm upgrade`, `ssh host docker compose up`), whatever its name. */
function scriptDeploys(): DeployReading {
  return {
    files: ['**/*.sh', '**/*.bash'],
    read(file, project, config, out) {
      const lines = project.cache.get(file)
      if (!lines || !/\bdocker\b|docker-compose|\bhelm\b|\bkubectl\b/.test(lines.text)) return
      const found = readShellDocker(project, { text: lines.text, offsets: (i) => i, file, shell: 'bash' }, dirnameOf(file))
      if (nameVerdict(file, config) === 'not-production') {
        // `deploy-staging.sh` brings its stack up on staging: that stack is not the production one
        if (deployScriptName(file)) for (const up of [...found.composeUp, ...found.remoteComposeUp]) out.composeRuns.push({ ...up, production: 'not-production', detail: `brought up by ${file}, a script named for a non-production environment` })
        return
      }
      // a script is run by someone: production when the command names production, uncertain otherwise
      for (const m of found.manifests) out.manifestRuns.push({ ...m, production: m.target, detail: `applied by ${m.command} in ${file}` })
      for (const up of found.remoteComposeUp) out.composeRuns.push({ ...up, production: 'production', detail: `brought up on a server by ${file}` })
      // a script named for deploying (`deploy.sh` run on the server after a pull) brings the stack up where it runs
      if (deployScriptName(file)) for (const up of found.composeUp) out.composeRuns.push({ ...up, production: 'production', detail: `brought up by ${file}, a script named for deploying` })
      const deploys = /deploy|release|publish|push/i.test(basenameOf(file))
      for (const { deployed, ...b } of found.builds) if (deployed || (deploys && found.pushes)) out.images.push({ ...b, production: 'production', via: 'script', detail: `${deployed ? `deployed with ${deployed}` : 'built and pushed'} by ${file}`, ...(!deployed && { buildOnly: true }) })
    },
  }
}

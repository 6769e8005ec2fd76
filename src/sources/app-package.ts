// https://vercel.com/docs/frameworks : platforms build these apps with no config file in the repository
import type { ContextStep, ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { joinPath } from '../util/paths.js'
import type { SourceReader } from './types.js'

// frameworks that Vercel, Netlify, Railway (Railpack), Render and DigitalOcean detect and build
// from the package alone: the dependency that marks each
const FRAMEWORKS: Record<string, string> = {
  next: 'Next.js',
  nuxt: 'Nuxt',
  '@remix-run/node': 'Remix',
  '@remix-run/react': 'Remix',
  '@react-router/dev': 'React Router',
  '@sveltejs/kit': 'SvelteKit',
  astro: 'Astro',
  '@nestjs/core': 'NestJS',
  gatsby: 'Gatsby',
  '@redwoodjs/core': 'RedwoodJS',
  '@solidjs/start': 'SolidStart',
  '@tanstack/react-start': 'TanStack Start',
}

const INSTALL_LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare']

/**
 * A framework app's package, or the repository's root package with a `start` script, as a deploy artifact of its own. A deploy often has no file in the
 * repository (Vercel's zero-config build of a Next.js app, a Railway or Render service set up in
 * the dashboard), and every such platform runs the install lifecycle and `build` on each deploy,
 * and most start the app with `start`. A package whose Dockerfile is beside it is built by that
 * instead; one a production context in the repository already runs is judged there, with the
 * environment that context gives it.
 */
const appPackage: SourceReader = {
  id: 'app-package',
  title: 'Framework apps platforms build without a config file',
  docs: 'https://vercel.com/docs/frameworks',
  files: ['**/package.json'],
  candidates: true,
  read(file, project) {
    const dir = file === 'package.json' ? '.' : file.slice(0, -'/package.json'.length)
    const pkg = project.packages.get(dir)
    const framework = pkg && Object.keys(FRAMEWORKS).find((name) => pkg.dependencies[name] !== undefined)
    // the repository's root package with a `start` script is a server app whatever its framework:
    // Heroku's Node buildpack runs its install lifecycle and `build`, then `npm start` where no
    // Procfile says otherwise (https://devcenter.heroku.com/articles/nodejs-support), as Railway and Render do
    const rootApp = dir === '.' && pkg?.scripts.has('start') === true
    if (!pkg || !(framework || rootApp) || project.cache.exists(joinPath(dir, 'Dockerfile') ?? 'Dockerfile')) return { contexts: [], problems: [] }
    const app = framework ? `${FRAMEWORKS[framework]} app` : 'Node app'
    const span = { file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
    const reason: ProductionReason = {
      kind: 'platform-phase',
      towards: true,
      detail: framework
        ? `${file} is a ${app}: hosting platforms build it with no config file in the repository (Vercel, Netlify, Railway, Render run its install and \`build\` on every deploy, and start it with \`start\`)`
        : `${file} is the repository's root ${app} (it has a \`start\` script): Heroku, Railway and Render build it with no config file in the repository (its install and \`build\` on every deploy, then \`start\`)`,
      span,
    }
    const via = `a ${framework ? FRAMEWORKS[framework] : 'Node app'} deploy`
    const steps: ContextStep[] = [{ label: `${via} installs dependencies`, span, cwd: dir, env: {}, reasons: [], invoke: [{ kind: 'install', packageDir: dir, via }] }]
    for (const name of ['build', 'start']) {
      const script = pkg.scripts.get(name)
      if (script) steps.push({ label: `${via} runs \`${name}\``, span: script.span, cwd: dir, env: {}, reasons: [], invoke: [{ kind: 'script', packageDir: dir, name, ifPresent: true, hooks: true, via }] })
    }
    // a context that runs the package's build (or Heroku's `heroku-postbuild`, which replaces it) judges the package there
    const scripts = [...INSTALL_LIFECYCLE, 'build', 'heroku-postbuild', 'start'].filter((name) => pkg.scripts.has(name)).map((name) => `script:${file}#${name}`)
    const context: ExecutionContext = { id: `${file}#app`, label: `${app} ${file}`, span, reasons: [reason], steps, unlessRun: scripts }
    return { contexts: [context], problems: [] }
  },
}
export default appPackage

import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import { imageUsesOf } from '../../src/sources/docker/image-uses.js'
import { repoDirOf, resolveFile, substitute } from '../../src/sources/docker/container-paths.js'
import { readImage, stageOf } from '../../src/sources/docker/image.js'
import { runtimeOf, runtimeSteps } from '../../src/sources/docker/runtime.js'
import { writtenAt, writtenSource } from '../../src/sources/docker/written-files.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

const MULTI = [
  'ARG NODE=20', // 1
  'FROM node:${NODE} AS build', // 2
  'WORKDIR /app', // 3
  'COPY package*.json ./', // 4
  'COPY . .', // 5
  'RUN npm ci', // 6
  '', // 7
  'FROM build AS dev', // 8
  'CMD ["npm", "run", "dev"]', // 9
  '', // 10
  'FROM node:20-slim AS runner', // 11
  'ARG APP=/srv/app', // 12
  'WORKDIR $APP', // 13
  'ENV NODE_ENV=production DATABASE_URL=$DATABASE_URL', // 14
  'COPY --from=build /app/scripts ./scripts', // 15
  'COPY --from=build /app/package.json ./', // 16
  'COPY docker/entrypoint.sh /usr/local/bin/docker-entrypoint', // 17
  'ENTRYPOINT ["docker-entrypoint"]', // 18
  'CMD node dist/server.js', // 19
].join('\n')

const files = {
  'Dockerfile': MULTI,
  'package.json': '{"name":"app"}',
  'package-lock.json': '{}',
  'scripts/start.sh': '#!/bin/sh\nnode dist/server.js\n',
  'docker/entrypoint.sh': '#!/bin/sh\nnpx prisma db seed\nexec "$@"\n',
}

describe('Dockerfile image model', () => {
  const project = projectOf(files)
  const image = readImage(project, 'Dockerfile')

  it('reads the stages, the final one last', () => {
    expect(image.stages.map((s) => s.name)).toEqual(['build', 'dev', 'runner'])
    expect(stageOf(image, undefined)?.name).toBe('runner')
    expect(stageOf(image, 'DEV')?.name).toBe('dev')
  })

  it('keeps ENV it can resolve and leaves out build-time-only values', () => {
    const runner = stageOf(image, undefined)!
    expect(runner.workdir).toBe('/srv/app')
    expect(runner.env).toEqual({ NODE_ENV: 'production' })
  })

  it('follows COPY, COPY --from and PATH to repository files', () => {
    const runner = stageOf(image, undefined)!
    expect(resolveFile(project, runner.mounts, '/srv/app/scripts/start.sh')).toBe('scripts/start.sh')
    expect(resolveFile(project, runner.mounts, '/srv/app/package.json')).toBe('package.json')
    expect(resolveFile(project, runner.mounts, '/usr/local/bin/docker-entrypoint')).toBe('docker/entrypoint.sh')
    expect(resolveFile(project, runner.mounts, '/srv/app/docker/entrypoint.sh')).toBeUndefined()
    expect(repoDirOf(project, runner.mounts, '/srv/app', 'fallback')).toBe('.')
  })

  it('inherits the files and commands of the stage it starts from', () => {
    const dev = stageOf(image, 'dev')!
    expect(dev.workdir).toBe('/app')
    expect(dev.cmd?.words).toEqual(['npm', 'run', 'dev'])
    expect(resolveFile(project, dev.mounts, '/app/scripts/start.sh')).toBe('scripts/start.sh')
  })

  it('runs the ENTRYPOINT script, then CMD where the script passes "$@" on', () => {
    const runner = stageOf(image, undefined)!
    const steps = runtimeSteps(project, DEFAULT_CONFIG, runtimeOf(project, image.context, runner), runner.entrypoint, runner.cmd)
    expect(steps.map((s) => [s.label, s.source?.file, s.source?.text.trim()])).toEqual([
      ['ENTRYPOINT runs docker/entrypoint.sh', 'docker/entrypoint.sh', '#!/bin/sh\nnpx prisma db seed\nexec "$@"'],
      ['CMD', 'Dockerfile', 'node dist/server.js'],
    ])
  })

  it('joins an exec-form ENTRYPOINT prefix and CMD into one command line', () => {
    const p = projectOf({ Dockerfile: 'FROM node\nENTRYPOINT ["npm", "run"]\nCMD ["seed"]\n' })
    const img = readImage(p, 'Dockerfile')
    const stage = stageOf(img, undefined)!
    const [step] = runtimeSteps(p, DEFAULT_CONFIG, runtimeOf(p, img.context, stage), stage.entrypoint, stage.cmd)
    expect(step?.source?.text).toBe(" 'npm' 'run' 'seed'")
    // every character of the joined text maps back into the file
    expect(step?.source?.offsets(' \'npm\' \'run\' \''.length)).toBe(p.cache.get('Dockerfile')!.text.indexOf('seed'))
  })

  it('ignores CMD after a shell-form ENTRYPOINT', () => {
    const p = projectOf({ Dockerfile: 'FROM node\nENTRYPOINT node server.js\nCMD ["npm", "run", "seed"]\n' })
    const img = readImage(p, 'Dockerfile')
    const stage = stageOf(img, undefined)!
    expect(runtimeSteps(p, DEFAULT_CONFIG, runtimeOf(p, img.context, stage), stage.entrypoint, stage.cmd).map((s) => s.label)).toEqual(['ENTRYPOINT'])
  })

  it('knows the path each form of start command runs a script by ($0), named from the working directory', () => {
    const invokedAs = (lines: string[], extra: Record<string, string> = {}) => {
      const p = projectOf({ 'ops/boot.sh': '#!/bin/sh\n"$(dirname "$0")/migrate.sh"\n', 'web/package.json': '{}', ...extra, Dockerfile: ['FROM node', ...lines].join('\n') })
      const img = readImage(p, 'Dockerfile')
      const stage = stageOf(img, undefined)!
      return runtimeSteps(p, DEFAULT_CONFIG, runtimeOf(p, img.context, stage), stage.entrypoint, stage.cmd).map((s) => [s.label, s.invokedAs])
    }
    const copied = ['WORKDIR /srv', 'COPY ops ops']
    expect(invokedAs([...copied, 'CMD ["sh", "ops/boot.sh"]'])).toEqual([['CMD runs ops/boot.sh', 'ops/boot.sh']])
    expect(invokedAs([...copied, 'CMD ["./ops/boot.sh"]'])).toEqual([['CMD runs ops/boot.sh', 'ops/boot.sh']])
    expect(invokedAs([...copied, 'CMD sh ops/boot.sh'])).toEqual([['CMD runs ops/boot.sh', 'ops/boot.sh']])
    expect(invokedAs([...copied, 'ENTRYPOINT ["ops/boot.sh"]'])).toEqual([['ENTRYPOINT runs ops/boot.sh', 'ops/boot.sh']])
    expect(invokedAs([...copied, 'ENTRYPOINT ["sh"]', 'CMD ["ops/boot.sh"]'])).toEqual([['ENTRYPOINT + CMD runs ops/boot.sh', 'ops/boot.sh']])
    // an absolute path, from a working directory that holds another repository directory
    expect(invokedAs(['COPY . /srv', 'WORKDIR /srv/web', 'ENTRYPOINT ["/srv/ops/boot.sh"]'])).toEqual([['ENTRYPOINT runs ops/boot.sh', '../ops/boot.sh']])
    // a script the build writes, in a directory a COPY fills
    expect(invokedAs([...copied, "RUN printf 'npx knex seed:run\\n' > /srv/ops/start.sh", 'ENTRYPOINT ["/srv/ops/start.sh"]'])).toEqual([['ENTRYPOINT runs /srv/ops/start.sh, written at Dockerfile:4', 'ops/start.sh']])
    // a lone file copied onto PATH: what else its directory holds is not the repository's
    expect(invokedAs(['COPY ops/boot.sh /usr/local/bin/boot', 'ENTRYPOINT ["boot"]'])).toEqual([['ENTRYPOINT runs ops/boot.sh', undefined]])
  })

  it('reports an unknown instruction where it is', () => {
    const p = projectOf({ Dockerfile: 'FROM node\nRUNN npm ci\n' })
    expect(readImage(p, 'Dockerfile').problem).toMatchObject({ rule: 'parse-error', span: { start: { line: 2, column: 1 } } })
  })

  it('substitutes build variables, with defaults', () => {
    expect(substitute('${A:-x}/$B', { B: 'b' })).toBe('x/b')
    expect(substitute('$MISSING', {})).toBeUndefined()
  })
})

describe('scripts the Dockerfile writes itself', () => {
  const written = (dockerfile: string, path: string, extra: Record<string, string> = {}) => {
    const p = projectOf({ Dockerfile: dockerfile, ...extra })
    const file = writtenAt(stageOf(readImage(p, 'Dockerfile'), undefined)!.written, path)
    const source = file && writtenSource(file)
    const dockerText = p.cache.get('Dockerfile')!.text
    // each line of the text, and what the Dockerfile holds where that line is said to start
    let at = 0
    const lines = source?.text.split('\n').map((line) => {
      const here = dockerText.slice(source.offsets(at), source.offsets(at) + line.length)
      at += line.length + 1
      return [line, here]
    })
    return { text: source?.text, unknown: file && 'unknown' in file ? file.unknown : undefined, lines }
  }

  it('renders printf escapes, each line located at its text in the format', () => {
    const { lines } = written("FROM node\nRUN printf '#!/bin/sh\\nnpx knex seed:run\\n100%%\\n' > /start.sh\n", '/start.sh')
    expect(lines).toEqual([
      ['#!/bin/sh', '#!/bin/sh'],
      ['npx knex seed:run', 'npx knex seed:run'],
      ['100%', '100%'],
      ['', ''],
    ])
  })

  it('leaves printf with arguments, directives or other escapes unknown', () => {
    expect(written("FROM node\nRUN printf '%s\\n' 'npx knex seed:run' > /start.sh\n", '/start.sh').unknown).toMatch(/printf with arguments/)
    expect(written("FROM node\nRUN printf 'a%db' > /start.sh\n", '/start.sh').unknown).toMatch(/%d/)
    expect(written("FROM node\nRUN printf 'a\\101' > /start.sh\n", '/start.sh').unknown).toMatch(/escape/)
  })

  it('joins echo words and appends, relative to WORKDIR', () => {
    const { text } = written('FROM node\nWORKDIR /app\nRUN echo "#!/bin/sh" > s.sh && echo npx  knex seed:run >> s.sh\nRUN echo -n done >> /app/s.sh\n', '/app/s.sh')
    expect(text).toBe('#!/bin/sh\nnpx knex seed:run\ndone')
  })

  it('renders echo -e, but not a backslash a plain echo leaves to the shell', () => {
    expect(written("FROM node\nRUN echo -e 'a\\nb' > /s.sh\n", '/s.sh').text).toBe('a\nb\n')
    expect(written("FROM node\nRUN echo 'a\\nb' > /s.sh\n", '/s.sh').unknown).toMatch(/backslash/)
  })

  it('appending to a file the Dockerfile did not write leaves it unknown', () => {
    expect(written('FROM node\nRUN echo "npx knex seed:run" >> /etc/start.sh\n', '/etc/start.sh').unknown).toMatch(/what it held before/)
  })

  it('reads here-documents: quoted ones as written, `<<-` without leading tabs', () => {
    expect(written("FROM node\nRUN cat > /s.sh <<'EOF'\necho $HOME\nEOF\n", '/s.sh').text).toBe('echo $HOME\n')
    expect(written('FROM node\nRUN cat > /s.sh <<EOF\necho $HOME\nEOF\n', '/s.sh').unknown).toMatch(/expands/)
    expect(written("FROM node\nRUN cat > /s.sh <<-'EOF'\n\t\tnpx knex seed:run\n\tEOF\n", '/s.sh').lines).toEqual([
      ['npx knex seed:run', 'npx knex seed:run'],
      ['', ''],
    ])
    expect(written('FROM node\nCOPY <<-EOF /s.sh\n\t#!/bin/sh\n\tnpx knex seed:run\n\tEOF\n', '/s.sh').lines).toEqual([
      ['#!/bin/sh', '#!/bin/sh'],
      ['npx knex seed:run', 'npx knex seed:run'],
      ['', ''],
    ])
    expect(written('FROM node\nCOPY <<EOF /s.sh\necho $HOME\nEOF\n', '/s.sh').unknown).toMatch(/expands/)
    expect(written('FROM node\nCOPY <<a.sh <<b.sh /bin/\none\na.sh\ntwo\nb.sh\n', '/bin/b.sh').text).toBe('two\n')
  })

  it('a later COPY over the path wins, and a later stage inherits what was written', () => {
    expect(written('FROM node\nRUN echo hi > /app/s.sh\nCOPY s.sh /app/s.sh\n', '/app/s.sh', { 's.sh': 'echo repo\n' })).toEqual({ text: undefined, unknown: undefined, lines: undefined })
    expect(written('FROM node AS base\nRUN echo hi > /s.sh\nFROM base\n', '/s.sh').text).toBe('hi\n')
    expect(written('FROM node AS build\nRUN echo hi > /out/s.sh\nFROM node\nCOPY --from=build /out/s.sh /usr/local/bin/start\n', '/usr/local/bin/start').text).toBe('hi\n')
    expect(written('FROM node AS build\nRUN echo hi > /out/s.sh\nFROM node\nCOPY --from=build /out /app/\n', '/app/s.sh').text).toBe('hi\n')
  })

  it('starts a written script as ENTRYPOINT, and one it cannot render as an unresolved step where it is written', () => {
    const steps = (dockerfile: string) => {
      const p = projectOf({ Dockerfile: dockerfile })
      const img = readImage(p, 'Dockerfile')
      const stage = stageOf(img, undefined)!
      return runtimeSteps(p, DEFAULT_CONFIG, runtimeOf(p, img.context, stage), stage.entrypoint, stage.cmd)
    }
    const [known] = steps("FROM node\nRUN printf 'npx knex seed:run\\n' > /start.sh\nENTRYPOINT [\"/start.sh\"]\n")
    expect(known).toMatchObject({ label: 'ENTRYPOINT runs /start.sh, written at Dockerfile:2', source: { file: 'Dockerfile', text: 'npx knex seed:run\n' } })
    const [unknown] = steps("FROM node\nRUN printf '%s\\n' \"$X\" > /start.sh\nENTRYPOINT [\"/start.sh\"]\n")
    expect(unknown).toMatchObject({ span: { start: { line: 2, column: 5 } }, invoke: [{ kind: 'unresolved' }] })
    // a written program of another interpreter is not read as shell
    expect(steps("FROM node\nRUN printf '#!/usr/bin/env node\\nrequire(\"./seed\")\\n' > /start\nENTRYPOINT [\"/start\"]\n").map((s) => s.label)).toEqual(['ENTRYPOINT'])
  })
})

describe('who builds which Dockerfile', () => {
  const uses = (extra: Record<string, string>) => {
    const project = projectOf({ Dockerfile: 'FROM node\nCMD ["node", "server.js"]\n', ...extra })
    return imageUsesOf(project, DEFAULT_CONFIG, deploymentsOf(project), 'Dockerfile').map((u) => `${u.via}:${u.production}`)
  }

  it('finds platform configs that build it', () => {
    expect(uses({ 'fly.toml': 'app = "shop"\n' })).toEqual(['platform:production'])
    expect(uses({ 'fly.toml': 'app = "shop-staging"\n' })).toEqual(['platform:not-production'])
    expect(uses({ 'railway.json': '{"build":{"builder":"NIXPACKS"}}' })).toEqual([])
    expect(uses({ 'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\n' })).toEqual(['platform:production'])
    expect(uses({ 'render.yaml': 'services:\n  - name: api\n    runtime: docker\n' })).toEqual(['platform:production'])
    expect(uses({ 'config/deploy.yml': 'service: shop\nimage: acme/shop\nservers:\n  - 1.2.3.4\n' })).toEqual(['platform:production'])
  })

  it('finds workflows that push it from the default branch, not pull-request builds', () => {
    const workflow = (on: string) => ({ '.github/workflows/image.yml': `on: ${on}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -t acme/app . && docker push acme/app\n` })
    expect(uses(workflow('{ push: { branches: [main] } }'))).toEqual(['ci:production'])
    expect(uses(workflow('pull_request'))).toEqual([])
  })

  it('judges compose files by their name and by who brings them up', () => {
    expect(uses({ 'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n' })).toEqual(['compose:production'])
    expect(uses({ 'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n' })).toEqual(['compose:not-production'])
    expect(uses({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n' })).toEqual(['compose:unknown'])
    expect(uses({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n', 'deploy.sh': 'ssh box "docker compose up -d"\n' })).toEqual(['compose:production'])
    expect(uses({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n', '.devcontainer/devcontainer.json': '{"dockerComposeFile": "../docker-compose.yml"}' })).toEqual(['compose:not-production'])
  })
})

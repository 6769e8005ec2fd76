import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`

describe('DigitalOcean App Platform app spec', () => {
  it('a POST_DEPLOY job that seeds is production, labelled with its kind', () => {
    const findings = check({ '.do/app.yaml': 'name: a\njobs:\n  - name: seed\n    kind: POST_DEPLOY\n    run_command: python manage.py loaddata demo.json\n' })
    expect(findings.map(located)).toEqual(['.do/app.yaml:5:18-5:53 error [seed-in-production]'])
    expect(findings[0]!.chain[0]!.label).toBe('DigitalOcean App Platform POST_DEPLOY job `seed` in .do/app.yaml')
  })

  it('a job without a kind is completed to POST_DEPLOY; a FAILED_DEPLOY job is only possible', () => {
    const spec = (kind: string) => `name: a\njobs:\n  - name: j\n${kind}    run_command: python manage.py loaddata demo.json\n`
    expect(check({ '.do/app.yaml': spec('') }).map((f) => f.severity)).toEqual(['error'])
    expect(check({ '.do/app.yaml': spec('    kind: FAILED_DEPLOY\n') }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('the Node.js buildpack runs the install lifecycle of source_dir, with NODE_ENV=production', () => {
    const files = {
      '.do/app.yaml': 'name: a\nservices:\n  - name: web\n    source_dir: web\n    run_command: npm start\n',
      'web/package.json': JSON.stringify({ scripts: { postinstall: 'knex seed:run', start: 'node .' } }),
    }
    expect(check(files).map((f) => `${f.primary.file} ${f.severity}`)).toEqual(['web/package.json error'])
    // a Dockerfile build runs no buildpack
    const docker = { ...files, '.do/app.yaml': files['.do/app.yaml'].replace('    run_command', '    dockerfile_path: web/Dockerfile\n    run_command') }
    expect(check(docker)).toEqual([])
  })

  it('a build-time variable reaches the build command, a run-time one does not', () => {
    const spec = (scope: string) =>
      `name: a\nenvs:\n  - key: SEED_DEMO\n    value: "true"\n    scope: ${scope}\nservices:\n  - name: web\n    build_command: '[ "$SEED_DEMO" = true ] && python manage.py loaddata demo.json; true'\n`
    expect(check({ '.do/app.yaml': spec('BUILD_TIME') }).map((f) => f.severity)).toEqual(['error'])
    expect(check({ '.do/app.yaml': spec('RUN_TIME') }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('an app whose variables name a staging stage is not production', () => {
    const spec = 'name: a\nenvs:\n  - key: APP_ENV\n    value: staging\nservices:\n  - name: web\n    run_command: python manage.py loaddata demo.json && gunicorn app.wsgi\n'
    expect(check({ '.do/app.yaml': spec })).toEqual([])
  })

  it('a root app.yaml without components is App Engine\'s, not read', () => {
    const appEngine = check({ 'app.yaml': 'runtime: python312\nentrypoint: python manage.py loaddata x.json && gunicorn app.wsgi\n' })
    expect(appEngine.map((f) => f.chain[0]!.label)).toEqual(['App Engine `entrypoint` of service `default` in app.yaml'])
    expect(check({ 'app.yaml': 'runtime: [\n' })).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { runCheck } from '../../src/analysis/check.js'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { Finding } from '../../src/model/finding.js'
import { MemoryFiles } from '../../src/project/files.js'

const check = (files: Record<string, string>) => runCheck('/repo', MemoryFiles.of(files), DEFAULT_CONFIG).findings
const located = (f: Finding) => `${f.primary.file}:${f.primary.start.line}:${f.primary.start.column}-${f.primary.end.line}:${f.primary.end.column} ${f.severity} [${f.rule}]`
const workflow = (run: string, environment = 'production') =>
  `on:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: ${environment}\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`
const chart = { 'chart/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n', 'chart/values.yaml': 'image: shop\n' }
const job = (hook: string, command = '["npx", "knex", "seed:run"]') =>
  `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}-seed\n  annotations:\n    "helm.sh/hook": ${hook}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: seed\n          image: "{{ .Values.image }}"\n          command: ${command}\n`

describe('Helm charts', () => {
  it('an upgrade hook Job of a chart a production job installs: error at the command, chain through the Job', () => {
    const findings = check({ ...chart, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart'), 'chart/templates/seed.yaml': job('pre-install,pre-upgrade') })
    expect(findings.map(located)).toEqual(['chart/templates/seed.yaml:14:22-14:46 error [seed-in-production]'])
    expect(findings[0]!.chain.map((h) => h.label)).toEqual(['Helm chart Job `{{ .Release.Name }}-seed` in chart/templates/seed.yaml', 'container `seed`', '`npx knex seed:run`'])
    expect(findings[0]!.production!.reasons[0]!.detail).toMatch(/every `helm upgrade`; applied by `helm upgrade --install shop` in job `deploy`/)
  })

  it('an install-only hook seeds production on the first install: an error; a rollback or test hook may never run: a warning', () => {
    const files = { ...chart, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart') }
    const findings = check({ ...files, 'chart/templates/seed.yaml': job('post-install') })
    expect(findings.map(located)).toEqual(['chart/templates/seed.yaml:14:22-14:46 error [seed-in-production]'])
    expect(findings[0]!.production!.reasons[0]!.detail).toMatch(/first installed: the first deploy to the cluster runs it/)
    expect(check({ ...files, 'chart/templates/seed.yaml': job('post-rollback') }).map(located)).toEqual(['chart/templates/seed.yaml:14:22-14:46 warning [seed-possibly-in-production]'])
    expect(check({ ...files, 'chart/templates/seed.yaml': job('test') }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('`sh -c` strings go through the shell walker, guards included', () => {
    const shell = (text: string) => `["sh", "-c", "${text}"]`
    const files = { ...chart, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart') }
    expect(check({ ...files, 'chart/templates/seed.yaml': job('post-upgrade', shell('npx knex migrate:latest && npx knex seed:run')) }).map(located)).toEqual([
      'chart/templates/seed.yaml:14:61-14:78 error [seed-in-production]',
    ])
    const guarded = job('post-upgrade', shell('[ \\"$NODE_ENV\\" = production ] || npx knex seed:run'))
    // the container's environment is the manifest's `env:`; without one NODE_ENV comes from the image or the cluster: unknown
    expect(check({ ...files, 'chart/templates/seed.yaml': guarded }).map((f) => f.severity)).toEqual(['warning'])
    const withEnv = `${guarded}          env:\n            - name: NODE_ENV\n              value: production\n`
    expect(check({ ...files, 'chart/templates/seed.yaml': withEnv })).toEqual([])
  })

  it('a chart only a staging job installs, or installed into a staging namespace, is not production', () => {
    const seed = { ...chart, 'chart/templates/seed.yaml': job('post-upgrade') }
    expect(check({ ...seed, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart -f chart/values-staging.yaml', 'staging') })).toEqual([])
    expect(check({ ...seed, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart --namespace staging') })).toEqual([])
  })

  it('a chart nothing in the repository installs is uncertain', () => {
    expect(check({ ...chart, 'chart/templates/seed.yaml': job('post-upgrade') }).map((f) => f.severity)).toEqual(['warning'])
  })

  it('an `if .Values…` block is rendered from values.yaml and the deploy\'s -f files', () => {
    const wrapped = `{{- if .Values.seed.enabled }}\n${job('post-upgrade')}{{- end }}\n`
    const deploy = (flags: string) => ({ ...chart, '.github/workflows/deploy.yml': workflow(`helm upgrade --install shop ./chart ${flags}`), 'chart/templates/seed.yaml': wrapped })
    const values = { 'chart/values.yaml': 'seed:\n  enabled: false\n', 'chart/values-demo.yaml': 'seed:\n  enabled: true\n' }
    expect(check({ ...deploy(''), ...values })).toEqual([])
    expect(check({ ...deploy('-f chart/values-demo.yaml'), ...values }).map((f) => f.severity)).toEqual(['error'])
    // not set anywhere, or a condition not read: rendered maybe
    expect(check(deploy('')).map((f) => f.severity)).toEqual(['warning'])
  })

  it('a template that is not YAML even blanked is a located warning, never a crash', () => {
    const files = { ...chart, '.github/workflows/deploy.yml': workflow('helm upgrade --install shop ./chart'), 'chart/templates/bad.yaml': 'kind: Job\nspec: [\n{{ .Values.x }}\n' }
    expect(check(files).map((f) => `${f.primary.file} ${f.severity} [${f.rule}]`)).toEqual(['chart/templates/bad.yaml warning [unresolved-on-production-path]'])
  })
})

describe('Kubernetes manifests', () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: db\n          image: shop\n          command: ["npm", "run", "db:seed"]\n      containers:\n        - name: web\n          image: shop\n          args: ["node", "server.js"]\n'
  const pkg = JSON.stringify({ scripts: { 'db:seed': 'knex seed:run' } })

  it('an init container runs on every pod start of a directory kubectl applies', () => {
    const files = { 'package.json': pkg, '.github/workflows/deploy.yml': workflow('kubectl apply -f deploy/'), 'deploy/web.yaml': `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\n${deployment}` }
    expect(check(files).map(located)).toEqual(['deploy/web.yaml:16:22-16:44 error [seed-in-production]'])
  })

  it('a kustomization\'s resources; a plain Job runs when the deploy first creates it', () => {
    const plain = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: seed\nspec:\n  template:\n    spec:\n      containers:\n        - name: seed\n          image: shop\n          command: ["npx", "knex", "seed:run"]\n'
    const files = { '.github/workflows/deploy.yml': workflow('kubectl apply -k ops/production'), 'ops/production/kustomization.yaml': 'resources:\n  - ../base\n', 'ops/base/kustomization.yaml': 'resources:\n  - seed-job.yaml\n' }
    expect(check({ ...files, 'ops/base/seed-job.yaml': plain }).map((f) => `${f.primary.file}:${f.primary.start.line} ${f.severity}`)).toEqual(['ops/base/seed-job.yaml:11 error'])
    const recreated = check({ ...files, 'ops/base/seed-job.yaml': plain.replace('spec:\n  template', 'spec:\n  ttlSecondsAfterFinished: 60\n  template') })
    expect(recreated.map((f) => f.severity)).toEqual(['error'])
    expect(recreated[0]!.production!.reasons[0]!.detail).toMatch(/re-created on every deploy/)
    expect(check({ ...files, '.github/workflows/deploy.yml': workflow('kubectl apply -k ops/production', 'staging'), 'ops/base/seed-job.yaml': plain })).toEqual([])
  })

  it('YAML files nothing applies outside manifest folders are not read', () => {
    expect(check({ 'package.json': pkg, 'docs/example.yaml': deployment })).toEqual([])
    expect(check({ 'package.json': pkg, 'k8s/web.yaml': deployment }).map((f) => f.severity)).toEqual(['warning'])
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { runCheck } from '../../src/analysis/check.js'
import { loadConfig } from '../../src/config/load.js'
import type { ContextStep } from '../../src/model/context.js'
import { FileCache, MemoryFiles } from '../../src/project/files.js'
import { Deployments } from '../../src/production/deployments.js'
import { Project } from '../../src/project/project.js'
import { sources } from '../../src/sources/index.js'
import workflows from '../../src/sources/workflows.js'

// The README's workflow files, kept here so that they stay valid: each is read by seedguard's own
// workflow reader and checked, and declares the permissions each feature it turns on needs.
const DIR = join(import.meta.dirname, '..', '..', 'examples', 'workflows')
const examples = readdirSync(DIR).filter((f) => f.endsWith('.yml')).sort()
const action = parse(readFileSync(join(import.meta.dirname, '..', '..', 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
const verifyAction = parse(readFileSync(join(import.meta.dirname, '..', '..', 'verify', 'action.yml'), 'utf8')) as { inputs: Record<string, { required?: boolean }> }

type Permissions = Record<string, string>
interface Workflow {
  permissions?: Permissions
  jobs: Record<string, { permissions?: Permissions; steps: { id?: string; uses?: string; with?: Record<string, unknown> }[] }>
}

/** The scopes a step needs beyond `contents: read`, by the features it turns on. */
function needs(step: { uses?: string; with?: Record<string, unknown> }): Permissions {
  const on = (input: string) => String(step.with?.[input]) === 'true'
  if (step.uses?.startsWith('github/codeql-action/upload-sarif@')) return { 'security-events': 'write', actions: 'read' }
  if (step.uses?.startsWith('seedguard/seedguard/verify@')) return on('monitor') ? { issues: 'write' } : {}
  if (!step.uses?.startsWith('seedguard/seedguard@')) return {}
  return { ...(on('comment') && { 'pull-requests': 'write' }), ...(on('check-run') && { checks: 'write' }) }
}

describe('examples/workflows', () => {
  it('holds the README workflows', () => {
    expect(examples).toEqual(['seedguard-code-scanning.yml', 'seedguard-monitor-production.yml', 'seedguard-required-check.yml', 'seedguard-verify-staging.yml', 'seedguard.yml'])
  })

  describe.each(examples)('%s', (name) => {
    const text = readFileSync(join(DIR, name), 'utf8')
    const file = `.github/workflows/${basename(name)}`
    const files = MemoryFiles.of({ [file]: text })

    it('is read by the workflow reader, with its seedguard step and inputs action.yml declares', () => {
      const cache = new FileCache(files)
      const project = new Project(cache)
      const config = loadConfig(cache)
      const read = workflows.read(file, project, config, new Deployments(project, config, sources))
      expect(read.problems).toEqual([])
      expect(read.contexts.length).toBeGreaterThan(0)
      const steps = read.contexts.flatMap((c) => c.steps).filter((s): s is ContextStep & { action: NonNullable<ContextStep['action']> } => s.action?.uses.startsWith('seedguard/seedguard@') === true)
      // the monitoring workflow runs only the companion step
      expect(steps).toHaveLength(name === 'seedguard-monitor-production.yml' ? 0 : 1)
      for (const step of steps) for (const input of Object.keys(step.action.inputs)) expect(Object.keys(action.inputs)).toContain(input)
    })

    it('passes seedguard itself', () => {
      const cache = new FileCache(files)
      const result = runCheck('/examples', files, loadConfig(cache))
      expect(result.findings).toEqual([])
    })

    it('declares, on each job, the permissions its features need and no write scope beyond them', () => {
      const workflow = parse(text) as Workflow
      // read-only by default: a job grants itself what it needs
      expect(workflow.permissions).toEqual({ contents: 'read' })
      for (const job of Object.values(workflow.jobs)) {
        const granted = job.permissions ?? workflow.permissions!
        const needed = Object.assign({ contents: 'read' }, ...job.steps.map(needs)) as Permissions
        expect(granted).toEqual(needed)
      }
    })
  })

  it('verifies staging with the companion step, its URL from a secret, before promoting', () => {
    const workflow = parse(readFileSync(join(DIR, 'seedguard-verify-staging.yml'), 'utf8')) as Workflow & { jobs: Record<string, { needs?: string | string[]; environment?: string }> }
    const verifying = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some((s) => s.uses?.startsWith('seedguard/seedguard/verify@')))
    expect(verifying.map(([name]) => name)).toEqual(['verify-staging'])
    const [name, job] = verifying[0]!
    const step = job.steps.find((s) => s.uses?.startsWith('seedguard/seedguard/verify@'))!
    for (const input of Object.keys(step.with ?? {})) expect(Object.keys(verifyAction.inputs)).toContain(input)
    for (const [input, spec] of Object.entries(verifyAction.inputs)) if (spec.required) expect(step.with).toHaveProperty(input)
    expect(step.with?.['database-url']).toBe('${{ secrets.STAGING_DATABASE_URL }}')
    expect(job.environment).toBe('staging')
    expect(job.needs).toBe('deploy-staging')
    // production only after the verification
    const production = Object.values(workflow.jobs).filter((j) => j.environment === 'production')
    expect(production).toHaveLength(1)
    expect([production[0]!.needs].flat()).toContain(name)
  })

  it('monitors production on a schedule, read-only, its state kept in the cache also after a finding', () => {
    const workflow = parse(readFileSync(join(DIR, 'seedguard-monitor-production.yml'), 'utf8')) as Workflow & { on: Record<string, unknown> }
    expect(Object.keys(workflow.on)).toContain('schedule')
    const steps = workflow.jobs.monitor!.steps as Array<{ id?: string; uses?: string; if?: string; with?: Record<string, unknown> }>
    const verify = steps.find((s) => s.uses?.startsWith('seedguard/seedguard/verify@'))!
    for (const input of Object.keys(verify.with ?? {})) expect(Object.keys(verifyAction.inputs)).toContain(input)
    expect(verify.with).toMatchObject({ 'database-url': '${{ secrets.PRODUCTION_DATABASE_URL }}', monitor: true })
    const restore = steps.find((s) => s.uses?.startsWith('actions/cache/restore@'))!
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save@'))!
    expect(steps.indexOf(restore)).toBeLessThan(steps.indexOf(verify))
    expect(steps.indexOf(save)).toBeGreaterThan(steps.indexOf(verify))
    for (const cache of [restore, save]) expect(cache.with?.path).toBe(verify.with?.['state-file'])
    // a cache entry is never overwritten: a new key each run, the newest restored by its prefix
    expect(restore.with?.['restore-keys']).toBe('seedguard-monitor-')
    expect(save.with?.key).toBe('seedguard-monitor-${{ github.run_id }}')
    expect(save.if).toBe(`always() && steps.${verify.id}.outputs.state-file != ''`)
  })

  it('uploads the SARIF file the action wrote, also after a failing check', () => {
    const workflow = parse(readFileSync(join(DIR, 'seedguard-code-scanning.yml'), 'utf8')) as Workflow
    const steps = workflow.jobs.seedguard!.steps
    const check = steps.find((s) => s.uses?.startsWith('seedguard/seedguard@'))!
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')) as { if?: string; with?: Record<string, unknown> }
    expect(check.with?.['sarif-file']).toBeTruthy()
    expect(upload.with?.sarif_file).toBe(`\${{ steps.${check.id}.outputs.sarif-file }}`)
    expect(upload.if).toContain('!cancelled()')
  })
})

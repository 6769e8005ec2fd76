import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// action.yml is what the Marketplace and every runner read: its shape is pinned here, and the
// end-to-end test runs dist/index.mjs with exactly these defaults.
const action = parse(readFileSync(join(import.meta.dirname, '..', '..', 'action.yml'), 'utf8')) as {
  name: string
  description: string
  author: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

describe('action.yml', () => {
  it('runs the bundle on Node 24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.mjs' })
  })

  it('has what the Marketplace lists', () => {
    expect(action.name).toBe('seedguard')
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(action.author).toBeTruthy()
    expect(action.branding).toEqual({ icon: 'shield', color: 'red' })
  })

  it('declares the inputs and defaults of issue 5', () => {
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default]))
    expect(defaults).toEqual({
      path: '.',
      config: '',
      'fail-on': 'error',
      annotations: 'true',
      summary: 'true',
      'sarif-file': '',
      comment: 'false',
      'check-run': 'false',
      'github-token': '${{ github.token }}',
    })
    for (const input of Object.values(action.inputs)) expect(input.description).toBeTruthy()
  })

  it('declares the outputs', () => {
    expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'findings-json', 'sarif-file', 'verdict'])
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Examples in the docs are tests: each example workflow the README shows is the tested file, verbatim.
const root = join(import.meta.dirname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')

describe('README examples', () => {
  const shown = [...readme.matchAll(/^### .*`(examples\/workflows\/[\w.-]+)`\n\n```yaml\n([\s\S]*?)\n```$/gm)]
  it('shows every example workflow', () => {
    expect(shown.map((m) => m[1])).toEqual(['examples/workflows/seedguard.yml', 'examples/workflows/seedguard-code-scanning.yml', 'examples/workflows/seedguard-required-check.yml', 'examples/workflows/seedguard-verify-staging.yml', 'examples/workflows/seedguard-monitor-production.yml'])
  })
  it.each(shown.map((m) => [m[1]!, m[2]!]))('%s is the file as committed', (file, body) => {
    expect(body).toBe(readFileSync(join(root, file), 'utf8').replace(/\n$/, ''))
  })
})

describe('README for users', () => {
  const sections = readme.split(/^(?=## )/m)
  it('ends with the Contributing section', () => {
    expect(sections.at(-1)).toMatch(/^## Contributing\n/)
  })
  // a user of the package has no checkout of the shared evaluation corpus next to it
  it('points at ../shared only in the Contributing section', () => {
    expect(sections.slice(0, -1).filter((s) => s.includes('../shared')).map((s) => s.split('\n')[0])).toEqual([])
  })
})

import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { deployTools, matchDeploy, matchDeployAction } from '../../src/deploys/index.js'
import { splitArgs } from '../../src/deploys/argv.js'
import type { DeployTool } from '../../src/deploys/types.js'

const NOT_TOOLS = new Set(['index.ts', 'types.ts', 'argv.ts'])
const dir = new URL('../../src/deploys/', import.meta.url)
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !NOT_TOOLS.has(f))

describe('deploy registry', () => {
  it.each(files)('%s is registered under its file name', async (file) => {
    const tool = ((await import(new URL(file, dir).href)) as { default: DeployTool }).default
    expect(tool.id).toBe(file.replace(/\.ts$/, ''))
    expect(deployTools).toContain(tool)
    expect(tool.docs).toMatch(/^https:\/\//)
  })

  it('has one tool per file and unique ids', () => {
    expect(deployTools).toHaveLength(files.length)
    expect(new Set(deployTools.map((t) => t.id)).size).toBe(deployTools.length)
  })

  it('routes commands and actions to their tool', () => {
    const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })
    expect(matchDeploy(cmd('fly deploy'))?.tool.id).toBe('fly')
    expect(matchDeploy(cmd('git push heroku main'))?.tool.id).toBe('heroku')
    expect(matchDeploy(cmd('docker push ghcr.io/o/app:latest'))).toBeUndefined()
    expect(matchDeploy(cmd('npm run build'))).toBeUndefined()
    expect(matchDeployAction('amondnet/vercel-action@v25', { 'vercel-args': '--prod' })).toMatchObject({ tool: { id: 'vercel' }, match: { target: 'production' } })
    expect(matchDeployAction('actions/checkout@v4', {})).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadEcosystemFiles } from '../../../src/seeds/facts/pm2-ecosystem.js'
import { isEcosystemFile } from '../../../src/shell/runners/pm2.js'
import { Walker } from '../../../src/analysis/walk.js'
import { projectWithFacts } from '../../helpers/project.js'

const read = async (files: Record<string, string>) => loadEcosystemFiles(new FileCache(MemoryFiles.of(files)))

describe('PM2 ecosystem files read with Babel', () => {
  it('knows the names PM2 and `pm2 deploy` take', () => {
    expect(['ecosystem.config.js', 'api/ecosystem.config.cjs', 'ecosystem.json', 'ecosystem.prod.config.js', 'pm2.config.mjs', 'ecosystem.json5'].every(isEcosystemFile)).toBe(true)
    expect(['ecosystem.ts', 'src/pm2-client.js', 'config.js', 'ecosystem.yml'].some(isEcosystemFile)).toBe(false)
  })

  it('reads apps (script, args as words or one string, interpreter, env_<name>) and deploy hooks at their places', async () => {
    const text = `const HOST = '10.0.0.5'
const base = { NODE_ENV: 'development', PORT: 3000 }
module.exports = {
  apps: [
    { name: 'web', script: './server.js', args: '--port 80', env: { PORT: '80', SECRET: process.env.SECRET }, env_production: { NODE_ENV: 'production' } },
    { script: 'tasks/seed.py', args: ['--rows', '10'], interpreter: '/usr/bin/python3' },
  ],
  deploy: {
    production: { host: HOST, 'pre-deploy-local': 'echo local', 'post-deploy': \`npm ci\` },
  },
}
`
    const file = (await read({ 'ecosystem.config.js': text })).get('ecosystem.config.js')!
    expect(file.unresolved).toEqual([])
    const [web, seed] = file.apps
    expect(web!.name).toBe('web')
    expect(text.slice(web!.script.start, web!.script.end)).toBe('./server.js')
    expect(web!.args).toEqual({ words: [expect.objectContaining({ value: '--port 80' })], quoted: false })
    expect(web!.env).toEqual({ PORT: '80' })
    expect(web!.envs.get('production')).toEqual({ NODE_ENV: 'production' })
    expect(seed!.args.quoted).toBe(true)
    expect(seed!.args.words.map((w) => w.value)).toEqual(['--rows', '10'])
    expect(seed!.interpreter?.value).toBe('/usr/bin/python3')
    expect(file.deploys.map((d) => [d.name, d.span.start.line, d.hooks.map((h) => [h.hook, h.command.value])])).toEqual([
      ['production', 9, [['pre-deploy-local', 'echo local'], ['post-deploy', 'npm ci']]],
    ])
  })

  it('reports what is computed where a command would be read, at its place', async () => {
    const text = `export default {
  apps: [{ script: process.env.ENTRY }, ...others],
  deploy: { production: { 'post-deploy': 'cd ' + dir + ' && npm ci' }, staging: makeTarget('staging') },
}
`
    const file = (await read({ 'ecosystem.config.mjs': text })).get('ecosystem.config.mjs')!
    expect(file.apps).toEqual([])
    expect(file.unresolved.map((u) => [u.message.split(' is computed')[0], u.span.start.line])).toEqual([
      ['`script`', 2],
      ['an entry of `apps`', 2],
      ['`post-deploy` of deploy environment `production`', 3],
      ['deploy environment `staging`', 3],
    ])
  })

  it('reads JSON ecosystem files and reports one that does not parse', async () => {
    const files = await read({ 'ecosystem.json': '{ "apps": [{ "name": "w", "script": "npm", "args": "start" }] }', 'broken/ecosystem.json': '{ "apps": [ }' })
    expect(files.get('ecosystem.json')!.apps[0]!.script.value).toBe('npm')
    expect(files.get('broken/ecosystem.json')!.error?.message).toMatch(/cannot parse/)
  })
})

describe('pm2 as a runner', () => {
  it('starts the apps of an ecosystem file (`--only` picks them) or the script it names', async () => {
    const starts = ['pm2-runtime start ecosystem.config.js --env production', 'pm2 start ecosystem.config.js --only web', 'pm2 start scripts/seed.js --name once --no-autorestart', 'pm2 start npm --name fill -- run seed', 'pm2 restart fill']
    const project = await projectWithFacts({
      'package.json': '{"name":"t","scripts":{"seed":"node scripts/seed.js"}}',
      'ecosystem.config.js': "module.exports = { apps: [{ name: 'web', script: 'server.js' }, { name: 'fill', script: 'npm', args: 'run seed' }] }",
      'scripts/seed.js': '',
      ...Object.fromEntries(starts.map((text, i) => [`start${i}.sh`, text])),
    })
    const seeds = (i: number) => new Walker(project).walkSource({ text: starts[i]!, offsets: (k) => k, file: `start${i}.sh`, shell: 'sh' }, '.', {}).seeds.length > 0
    expect(starts.map((_, i) => seeds(i))).toEqual([true, false, true, true, false])
  })
})

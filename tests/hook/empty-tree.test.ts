import { afterAll, describe, expect, it } from 'vitest'
import { removeCliBundle, Repo } from './repo.js'

const repos: Repo[] = []
afterAll(() => {
  repos.forEach((r) => r.cleanup())
  removeCliBundle()
})

// Unlike an empty checkout (issue 11, item 2: `check` and the action fail it), a pushed commit's
// tree is read from git in full: a commit that removes every file deploys nothing and may pass.
describe('pre-push hook on a commit with an empty tree', () => {
  it('lets the push through and says that nothing was there to check', async () => {
    const repo = await Repo.create()
    repos.push(repo)
    expect(repo.seedguard(['init']).status).toBe(0)
    expect(repo.push('-q', 'origin', 'main').status).toBe(0)
    repo.git(['rm', '-r', '-q', '--cached', '.'])
    repo.git(['commit', '-q', '-m', 'remove everything'])
    expect(repo.git(['rev-parse', 'HEAD^{tree}'])).toBe('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
    const push = repo.push('origin', 'main')
    expect(push.status).toBe(0)
    expect(push.stderr).toContain('seedguard: a pushed commit has no files; nothing in it can seed production\n')
  })
})

import { isWithin } from '../util/paths.js'

// Trees that hold tests, fixtures, examples and documentation: a Procfile or fly.toml there is a
// sample of one, which no platform deploys from this repository (seedguard's own test fixtures are
// full of seeding configs). Only a directory name counts, never a file name.
const NOT_DEPLOYED = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'fixtures', '__fixtures__', 'testdata', 'test-data', 'e2e', '__mocks__', 'mocks', 'examples', 'example', 'samples', 'sample', 'docs', 'doc'])

/** `docs/examples/heroku/Procfile` → `docs`: the outermost directory that is not deployed, if any */
export function undeployedTreeOf(path: string): string | undefined {
  const dirs = path.split('/').slice(0, -1)
  const at = dirs.findIndex((d) => NOT_DEPLOYED.has(d))
  return at < 0 ? undefined : dirs.slice(0, at + 1).join('/')
}

/**
 * Which files a deploy can reach: all but those in test, fixture, example and docs trees, unless a
 * deploy names their directory (`cd examples/app && fly deploy`, a `working-directory:` into them,
 * a production build of `./examples/x`). The one place every source's file discovery asks.
 */
export class DeployedTrees {
  private readonly named = new Set<string>()
  /** bumped when a directory is named: what was read of the repository's deploys is out of date */
  generation = 0

  isDeployed(path: string): boolean {
    if (undeployedTreeOf(path) === undefined) return true
    for (const dir of this.named) if (isWithin(dir, path)) return true
    return false
  }

  /** a deploy runs in, or builds from, this directory (or file) */
  name(path: string): void {
    if (this.isDeployed(`${path}/.`)) return
    this.named.add(path)
    this.generation++
  }
}

// `env:` https://docs.travis-ci.com/user/environment-variables/ and the job's runtime
import type { RuntimeEnvironment } from '../../model/runtime.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

/**
 * The Travis build VM: CI, TRAVIS and CONTINUOUS_INTEGRATION are true, and RAILS_ENV, RACK_ENV
 * and MERB_ENV are `test` (https://docs.travis-ci.com/user/environment-variables/#default-environment-variables);
 * variables of the repository settings reach every job, so any other one is unknown, not unset.
 */
export const TRAVIS_VM: RuntimeEnvironment = {
  unset: 'unknown',
  label: "the Travis CI build image and the repository's settings (outside the repository)",
  values: { CI: 'true', TRAVIS: 'true', CONTINUOUS_INTEGRATION: 'true', RAILS_ENV: 'test', RACK_ENV: 'test', MERB_ENV: 'test' },
  valuesBy: 'Travis CI',
  provides: (variable) => /^TRAVIS_/.test(variable),
  // the build runs in the clone at $TRAVIS_BUILD_DIR: https://docs.travis-ci.com/user/environment-variables/#default-environment-variables
  checkout: ['TRAVIS_BUILD_DIR'],
}

/** `A=1 B="two words"` as a map; `secure:` entries set variables no file shows and are left out */
export function assignments(view: YamlView, node: YamlNode | undefined): Record<string, string> {
  const text = view.string(node)
  if (text === undefined) {
    const out: Record<string, string> = {}
    for (const { key, value } of view.entries(node)) {
      const v = view.string(value)
      if (key !== 'secure' && v !== undefined) out[key] = v
    }
    return out
  }
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/(?:^|\s)([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)) {
    const raw = m[2]!
    out[m[1]!] = /^["']/.test(raw) ? raw.slice(1, -1) : raw
  }
  return out
}

/**
 * `env:` of the file: `global` entries reach every job; each entry of `jobs` (`matrix`), or of a
 * plain list, is a job of its own. A string or a map is one set of variables.
 */
export function buildEnv(view: YamlView, env: YamlNode | undefined): { global: Record<string, string>; matrix: { env: Record<string, string>; node: YamlNode }[] } {
  const list = (node: YamlNode | undefined) => (view.items(node).length > 0 ? view.items(node) : node && (view.string(node) !== undefined || view.entries(node).length > 0) ? [node] : [])
  const global = view.get(env, 'global')
  const jobs = view.get(env, 'jobs') ?? view.get(env, 'matrix')
  if (global !== undefined || jobs !== undefined) {
    return { global: Object.assign({}, ...list(global).map((n) => assignments(view, n))), matrix: list(jobs).map((node) => ({ env: assignments(view, node), node })) }
  }
  const entries = list(env).filter((n) => view.get(n, 'secure') === undefined || view.string(n) !== undefined)
  return { global: {}, matrix: entries.map((node) => ({ env: assignments(view, node), node })) }
}

/** a job's own `env:` (in `jobs.include`): every entry applies to it */
export function jobEnv(view: YamlView, env: YamlNode | undefined): Record<string, string> {
  if (!env) return {}
  const entries = view.items(env).length > 0 ? view.items(env) : [env]
  const global = view.get(env, 'global')
  return Object.assign({}, ...(global ? view.items(global) : entries).map((n) => assignments(view, n)))
}

import type { RuntimeEnvironment } from '../../model/runtime.js'
import { OUTSIDE_ENVIRONMENT } from '../../model/runtime.js'
import { possibleValues, type Scope } from './expressions.js'

// GitHub-hosted runner labels: https://docs.github.com/en/actions/reference/runners/github-hosted-runners
const HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|[\d.]+)(-(arm|arm64|xlarge|large|intel))?$/

// The runner and its images set these, with values that depend on the run or the image:
// https://docs.github.com/en/actions/reference/workflows-and-actions/variables#default-environment-variables
// and the images' own (actions/runner-images: JAVA_HOME_*, ANDROID_*, ImageOS, …)
const RUNNER_PREFIX = /^(GITHUB|RUNNER|ACTIONS|ANDROID|JAVA_HOME|GOROOT|DOTNET|HOMEBREW|PIPX|CONDA|VCPKG|POWERSHELL|XDG|AGENT|SELENIUM|CHROMEWEBDRIVER|EDGEWEBDRIVER|GECKOWEBDRIVER)(_|$)/
const RUNNER_VARIABLES = new Set(['HOME', 'PATH', 'USER', 'SHELL', 'LANG', 'PWD', 'HOSTNAME', 'ImageOS', 'ImageVersion', 'DEBIAN_FRONTEND', 'LEIN_HOME', 'M2_HOME', 'SWIFT_PATH', 'BOOTSTRAP_HASKELL_NONINTERACTIVE', 'GHCUP_INSTALL_BASE_PREFIX'])

/**
 * The environment a job's steps see. A GitHub-hosted runner sets only its documented variables
 * (`CI=true`, `GITHUB_*`, `RUNNER_*` and the image's tool paths): NODE_ENV, RAILS_ENV, APP_ENV and
 * every other variable no `env:` sets are unset. A self-hosted runner's machine, a job container's
 * image or a label that cannot be resolved can set anything.
 */
export function runnerEnvironment(runsOn: string[], container: boolean, scope: Scope): RuntimeEnvironment {
  const labels = runsOn.flatMap((label) => possibleValues(label, scope) ?? [label])
  const hosted = labels.length > 0 && labels.every((label) => HOSTED_LABEL.test(label))
  if (!hosted || container) {
    const why = container ? 'the job container' : labels.some((l) => l.includes('self-hosted')) ? 'the self-hosted runner' : `the runner \`${runsOn.join(', ') || '?'}\``
    return { ...OUTSIDE_ENVIRONMENT, label: `${why} (its environment is set outside the repository)` }
  }
  return {
    unset: 'empty',
    label: 'a GitHub-hosted runner, which sets no NODE_ENV, RAILS_ENV or APP_ENV',
    values: { CI: 'true', GITHUB_ACTIONS: 'true' },
    valuesBy: 'the runner',
    provides: (variable) => RUNNER_PREFIX.test(variable) || RUNNER_VARIABLES.has(variable),
  }
}

import type { ShellWord } from './parse.js'

/**
 * Commands that only run another command: `env A=1 x`, `cross-env A=1 x`, `dotenv -e f -- x`,
 * `npx x`, `sudo x`, `doppler run -- x`, `node_modules/.bin/x`. Unwrapping them lets the seed and
 * deploy recognisers see the command that really runs, with the variables the wrapper sets.
 */
export interface Unwrapped {
  words: ShellWord[]
  env: Record<string, string>
  /** `sh -c "…"`, `cross-env-shell "…"`, `npx -c "…"`: a command string to parse */
  commandString?: ShellWord
  /** `seedguard guard -- …`: the word that starts seedguard's runtime check around the command */
  runtimeGuard?: ShellWord
}

interface Wrapper {
  /** options that take a value, so their value is not mistaken for the command */
  valued: string[]
  /** everything up to `--` belongs to the wrapper */
  untilDoubleDash?: boolean
  /** leading NAME=value words set variables */
  assignments?: boolean
  /** option whose value is a command string */
  stringOption?: string[]
  /** operands before the command: the user of `gosu app cmd`, the duration of `timeout 30 cmd` */
  operands?: number
}

const WRAPPERS: Record<string, Wrapper> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S'], assignments: true },
  'cross-env': { valued: [], assignments: true },
  'cross-env-shell': { valued: [], assignments: true },
  dotenv: { valued: ['-e', '-c', '-v', '-p'], untilDoubleDash: true },
  'dotenv-cli': { valued: ['-e', '-c', '-v', '-p'], untilDoubleDash: true },
  dotenvx: { valued: ['-f', '--env-file', '-e', '--env'], untilDoubleDash: true },
  'env-cmd': { valued: ['-f', '--file', '-e', '--environments', '-r', '--rc-file'] },
  npx: { valued: ['-p', '--package', '--cache', '--userconfig'], stringOption: ['-c', '--call'] },
  pnpx: { valued: [] },
  bunx: { valued: ['-p', '--package'] },
  sudo: { valued: ['-u', '-g', '-h', '-p', '-C', '-D', '-R', '-T', '-U'], assignments: true },
  exec: { valued: ['-a'] },
  nohup: { valued: [] },
  time: { valued: ['-f', '-o'] },
  command: { valued: [] },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  nice: { valued: ['-n'] },
  'with-env': { valued: [] },
  // an entrypoint drops root before it starts the app: the command runs all the same, as that user.
  // su(1) and runuser(1) of util-linux run `-c` through the user's shell; runuser also takes
  // `-u user [--] cmd` (https://man7.org/linux/man-pages/man1/runuser.1.html)
  su: { valued: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], stringOption: ['-c', '--command'], operands: 1 },
  runuser: { valued: ['-u', '--user', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], stringOption: ['-c', '--command'] },
  // https://github.com/tianon/gosu, https://github.com/ncopa/su-exec, https://skarnet.org/software/s6/s6-setuidgid.html: `<tool> user cmd…`
  gosu: { valued: [], operands: 1 },
  'su-exec': { valued: [], operands: 1 },
  's6-setuidgid': { valued: [], operands: 1 },
  's6-envuidgid': { valued: ['-D'], operands: 1 },
  // https://skarnet.org/software/s6/s6-applyuidgid.html
  's6-applyuidgid': { valued: ['-u', '-g', '-G'] },
  // http://smarden.org/runit/chpst.8.html
  chpst: { valued: ['-u', '-U', '-b', '-e', '-/', '-C', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'] },
  // https://man7.org/linux/man-pages/man1/setpriv.1.html: `--reuid=1000` or `--reuid 1000`
  setpriv: { valued: ['--reuid', '--regid', '--ruid', '--rgid', '--euid', '--egid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule'] },
  // https://man.openbsd.org/doas
  doas: { valued: ['-u', '-C'] },
}

// https://docs.astral.sh/uv/reference/cli/#uv-run : the options of `uv run` that take a value
const UV_RUN = ['--with', '--with-editable', '--with-requirements', '-p', '--python', '--env-file', '--package', '--directory', '--project', '--extra', '--group', '--only-group', '--no-group',
  '--index', '--default-index', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '-C', '--config-setting',
  '--exclude-newer', '--link-mode', '-P', '--upgrade-package', '--reinstall-package', '--refresh-package', '--cache-dir', '--config-file', '--color', '--python-preference', '--allow-insecure-host']

/**
 * `<tool> run … x`: secret injectors (`doppler run -- x`, `op run -- x`, `infisical run -- x`) and
 * Python environment managers (`poetry run x`, `uv run x`) run their command with something added:
 * secrets, or the project's virtualenv (https://python-poetry.org/docs/cli/#run). `pipenv run` and
 * `pdm run` run a project script of that name first: they are runners (runners/pipenv.ts, pdm.ts).
 */
const RUN_WRAPPERS = new Map<string, string[]>([['doppler', []], ['op', []], ['infisical', []], ['heroku-local', []], ['vercel-env', []], ['poetry', ['-C', '--directory', '-P', '--project']], ['uv', UV_RUN]])
/** a package's own entry file, run with node: node_modules/prisma/build/index.js, node_modules/.bin/knex */
const PACKAGE_ENTRY = /(?:^|\/)node_modules\/(?:\.bin\/([^/]+)$|((?:@[^/]+\/)?[^/.][^/]*)\/(?:build|dist|bin|lib|cli)\b)/
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash', 'ksh'])

export function unwrap(input: ShellWord[]): Unwrapped {
  let words = input
  const env: Record<string, string> = {}
  let runtimeGuard: ShellWord | undefined
  for (let depth = 0; depth < 16 && words.length > 0; depth++) {
    const name = baseCommand(words[0]!.value)
    if (name !== words[0]!.value) words = [{ ...words[0]!, value: name }, ...words.slice(1)]
    if (SHELLS.has(name)) {
      const c = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value))
      if (c > 0 && words[c + 1]) return { words, env, ...(runtimeGuard && { runtimeGuard }), commandString: words[c + 1]! }
      return { words, env, ...(runtimeGuard && { runtimeGuard }) }
    }
    // `node node_modules/prisma/build/index.js db seed` is `prisma db seed` by another name
    const entry = name === 'node' && words[1] ? PACKAGE_ENTRY.exec(words[1].value) : null
    const viaNode = entry ? (entry[1] ?? entry[2]?.replace(/^@[^/]+\//, '')) : undefined
    if (viaNode) {
      words = [{ ...words[1]!, value: viaNode }, ...words.slice(2)]
      continue
    }
    // `seedguard guard [--db u] -- cmd…` runs cmd after its own check (src/cli/guard.ts): what runs is cmd
    if (name === 'seedguard' && words[1]?.value === 'guard') {
      const dash = words.findIndex((w) => w.value === '--')
      if (dash < 0 || dash === words.length - 1) return { words, env, ...(runtimeGuard && { runtimeGuard }) }
      runtimeGuard ??= words[0]
      words = words.slice(dash + 1)
      continue
    }
    const runValued = RUN_WRAPPERS.get(name)
    if (runValued && words[1]?.value === 'run') {
      const dash = words.findIndex((w) => w.value === '--')
      const commandString = commandOption(dash > 0 ? words.slice(2, dash) : words.slice(2))
      if (commandString) return { words, env, ...(runtimeGuard && { runtimeGuard }), commandString }
      words = dash > 0 ? words.slice(dash + 1) : skipOptions(words.slice(2), runValued)
      // `uv run manage.py …` runs a Python file with the project's interpreter
      if (name === 'uv' && words[0]?.value.endsWith('.py')) words = [{ ...words[0]!, value: 'python' }, ...words]
      continue
    }
    const wrapper = WRAPPERS[name]
    if (!wrapper) return { words, env, ...(runtimeGuard && { runtimeGuard }) }
    let rest = words.slice(1)
    if (wrapper.untilDoubleDash) {
      const dash = rest.findIndex((w) => w.value === '--')
      rest = dash >= 0 ? rest.slice(dash + 1) : skipOptions(rest, wrapper.valued)
    } else {
      const stringAt = wrapper.stringOption ? rest.findIndex((w) => wrapper.stringOption!.includes(w.value)) : -1
      if (stringAt >= 0 && rest[stringAt + 1]) return { words, env, ...(runtimeGuard && { runtimeGuard }), commandString: rest[stringAt + 1]! }
      rest = skipOptions(rest, wrapper.valued).slice(wrapper.operands ?? 0)
    }
    if (wrapper.assignments) {
      while (rest[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0].value)) {
        const [key, ...value] = rest[0].value.split('=')
        env[key!] = value.join('=')
        rest = rest.slice(1)
      }
    }
    if (name === 'cross-env-shell' && rest[0]) return { words, env, ...(runtimeGuard && { runtimeGuard }), commandString: rest[0] }
    if (rest.length === 0) return { words, env, ...(runtimeGuard && { runtimeGuard }) }
    words = rest
  }
  return { words, env, ...(runtimeGuard && { runtimeGuard }) }
}

/**
 * `doppler run --command "a && b"`, `infisical run --command="a && b"`: the string runs in a shell
 * (https://docs.doppler.com/docs/multiple-commands, https://infisical.com/docs/cli/commands/run).
 * The `--command=` form keeps its value's place in the file: the word's span starts past the prefix.
 */
function commandOption(options: ShellWord[]): ShellWord | undefined {
  const at = options.findIndex((w) => w.value === '--command' || w.value.startsWith('--command='))
  const option = options[at]
  if (!option) return undefined
  if (option.value === '--command') return options[at + 1]
  const skip = '--command='.length
  const start = { ...option.span.start, column: option.span.start.column + skip, offset: option.span.start.offset + skip }
  return { ...option, value: option.value.slice(skip), span: { ...option.span, start } }
}

function skipOptions(words: ShellWord[], valued: string[]): ShellWord[] {
  let i = 0
  while (i < words.length && words[i]!.value.startsWith('-') && words[i]!.value !== '-') {
    if (valued.includes(words[i]!.value)) i++
    i++
  }
  return words.slice(i)
}

/** `./node_modules/.bin/prisma` → `prisma`; `/usr/bin/env` → `env` */
function baseCommand(value: string): string {
  const bin = /(?:^|\/)node_modules\/\.bin\/([^/]+)$/.exec(value)
  if (bin) return bin[1]!
  if (/^\/(usr\/)?(local\/)?s?bin\/[^/]+$/.test(value)) return value.slice(value.lastIndexOf('/') + 1)
  return value
}

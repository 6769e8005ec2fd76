// https://pkg.go.dev/cmd/go#hdr-Compile_and_run_Go_program, https://doc.rust-lang.org/cargo/commands/cargo-run.html
//
// `go run` and `cargo run` build a program and start it with the words after it: a tool started
// that way (`go run github.com/pressly/goose/v3/cmd/goose up`) is the tool itself.
import { basename } from './argv.js'

/** A Go program's flags (the standard flag package) as written with one dash or two: `-dir x`, `--dir x` */
export const goFlags = (names: readonly string[]): string[] => names.flatMap((name) => [`-${name}`, `--${name}`])

/**
 * The build flags of `go run` that take their value as the next word
 * (https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies)
 */
const GO_BUILD_VALUED = goFlags(['C', 'p', 'asmflags', 'buildmode', 'buildvcs', 'compiler', 'coverpkg', 'covermode', 'exec', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod', 'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec'])

/** `go run [build flags] <package> [arguments]`: the package (a directory, a module path, `path@version`) and the words its program is given */
export function goRun(argv: readonly string[]): { target: string; args: string[] } | undefined {
  if (argv[0] !== 'go' || argv[1] !== 'run') return undefined
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') return argv[i + 1] === undefined ? undefined : { target: argv[i + 1]!, args: argv.slice(i + 2) }
    if (!word.startsWith('-')) return { target: word, args: argv.slice(i + 1) }
    if (GO_BUILD_VALUED.includes(word)) i++
  }
  return undefined
}

/**
 * `go build [-o output] [build flags] [package]`: the package built (the working directory's by
 * default) and where its binary goes, when `-o` says (https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies)
 */
export function goBuild(argv: readonly string[]): { target: string; output?: string } | undefined {
  if (argv[0] !== 'go' || argv[1] !== 'build') return undefined
  let output: string | undefined
  for (let i = 2; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '-o' || word === '--o') output = argv[++i]
    else if (/^--?o=/.test(word)) output = word.slice(word.indexOf('=') + 1)
    else if (GO_BUILD_VALUED.includes(word)) i++
    else if (!word.startsWith('-')) return { target: word, ...(output !== undefined && { output }) }
  }
  return { target: '.', ...(output !== undefined && { output }) }
}

/**
 * The name of the program a command starts: its file name, or for `go run <module>/cmd/<name>[@version]`
 * the command package's name (Go names the program after the package's last path element), with the
 * words it is given. `go run ./cmd/x` builds the project's own package, no published tool: undefined.
 */
export function programOf(argv: readonly string[]): { name: string; args: string[] } | undefined {
  const run = goRun(argv)
  if (run === undefined) return argv[0] === undefined || argv[0] === 'go' ? undefined : { name: basename(argv[0]), args: argv.slice(1) }
  if (run.target.startsWith('.') || run.target.startsWith('/')) return undefined
  return { name: basename(run.target.replace(/@[^/]*$/, '')), args: run.args }
}

/** `cargo run [options] [-- arguments]`: cargo's own options, and the words the built program is given */
export function cargoRun(argv: readonly string[]): { options: string[]; args: string[] } | undefined {
  if (argv[0] !== 'cargo' || argv[1] !== 'run') return undefined
  const end = argv.indexOf('--')
  return end < 0 ? { options: argv.slice(2), args: [] } : { options: argv.slice(2, end), args: argv.slice(end + 1) }
}

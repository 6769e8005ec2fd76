// https://tree-sitter.github.io/tree-sitter/ ; tree-sitter's grammars (C#, Java, Go, Python), run as WebAssembly
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser } from 'web-tree-sitter'

/** each grammar's package, and the .wasm it ships (tree-sitter-<name>.wasm) */
const GRAMMARS = {
  c_sharp: 'tree-sitter-c-sharp',
  java: 'tree-sitter-java',
  go: 'tree-sitter-go',
  python: 'tree-sitter-python',
} as const
export type Grammar = keyof typeof GRAMMARS

/**
 * Set by the CLI's build, which copies every grammar beside this module's chunk (scripts/build-cli.mjs);
 * from the sources, each is where its package is. web-tree-sitter finds its own tree-sitter.wasm
 * beside its module either way.
 */
declare const SEEDGUARD_GRAMMARS_BESIDE: boolean | undefined

function grammarPath(grammar: Grammar): string {
  const file = `tree-sitter-${grammar}.wasm`
  if (typeof SEEDGUARD_GRAMMARS_BESIDE === 'boolean') return fileURLToPath(new URL(file, import.meta.url))
  return createRequire(import.meta.url).resolve(`${GRAMMARS[grammar]}/${file}`)
}

const loaded = new Map<Grammar, Promise<Parser>>()
/** the last grammar load under way: web-tree-sitter links each grammar into one shared WebAssembly table, and two loads at once corrupt it ("Incompatible language version 0") */
let loading: Promise<unknown> = Promise.resolve()

/** A parser of the grammar's language; the runtime and each grammar's WebAssembly are compiled once per process, one at a time. */
export function grammarParser(grammar: Grammar): Promise<Parser> {
  let parser = loaded.get(grammar)
  if (!parser) {
    parser = loading.then(async () => {
      await Parser.init()
      const made = new Parser()
      made.setLanguage(await Language.load(grammarPath(grammar)))
      return made
    })
    loading = parser.catch(() => undefined)
    loaded.set(grammar, parser)
  }
  return parser
}

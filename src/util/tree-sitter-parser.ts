// https://tree-sitter.github.io/tree-sitter/ ; tree-sitter's grammars, run as WebAssembly by web-tree-sitter
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser } from 'web-tree-sitter'

/** The grammars seedguard parses with, as their packages ship them: C# for ASP.NET Core startup code, Python for app start code. */
const GRAMMARS = {
  csharp: 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm',
} as const
export type Grammar = keyof typeof GRAMMARS

/**
 * Where the CLI's build put the grammars: beside this module's chunk, by their file names
 * (scripts/build-cli.mjs copies them); from the sources, in their packages. web-tree-sitter finds
 * its own tree-sitter.wasm beside its module either way.
 */
declare const SEEDGUARD_GRAMMARS_BESIDE: boolean | undefined

function grammarPath(grammar: Grammar): string {
  const file = GRAMMARS[grammar]
  if (typeof SEEDGUARD_GRAMMARS_BESIDE === 'boolean') return fileURLToPath(new URL(`./${file.slice(file.lastIndexOf('/') + 1)}`, import.meta.url))
  return createRequire(import.meta.url).resolve(file)
}

const loaded = new Map<Grammar, Promise<Parser>>()

/** A parser of one language; the runtime and each grammar are compiled once per process, when first asked for. */
export function treeSitterParser(grammar: Grammar): Promise<Parser> {
  let parser = loaded.get(grammar)
  if (!parser) {
    parser = (async () => {
      await Parser.init()
      const made = new Parser()
      made.setLanguage(await Language.load(grammarPath(grammar)))
      return made
    })()
    loaded.set(grammar, parser)
  }
  return parser
}

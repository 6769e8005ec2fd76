// https://github.com/tree-sitter/tree-sitter-c-sharp ; tree-sitter's C# grammar, run as WebAssembly
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Language, Parser } from 'web-tree-sitter'

/**
 * Where the CLI's build put the grammar, beside this module's chunk (scripts/build-cli.mjs); from
 * the sources, where the grammar's package is. web-tree-sitter finds its own tree-sitter.wasm
 * beside its module either way.
 */
declare const SEEDGUARD_CSHARP_GRAMMAR: string | undefined
const GRAMMAR = 'tree-sitter-c_sharp.wasm'

function grammarPath(): string {
  if (typeof SEEDGUARD_CSHARP_GRAMMAR === 'string') return fileURLToPath(new URL(SEEDGUARD_CSHARP_GRAMMAR, import.meta.url))
  return createRequire(import.meta.url).resolve(`tree-sitter-c-sharp/${GRAMMAR}`)
}

let loaded: Promise<Parser> | undefined

/** A parser of C# source; the WebAssembly is compiled once per process. */
export function csharpParser(): Promise<Parser> {
  loaded ??= (async () => {
    await Parser.init()
    const parser = new Parser()
    parser.setLanguage(await Language.load(grammarPath()))
    return parser
  })()
  return loaded
}

// What an application's own code does to its database when it starts, in the terms every language's
// reader uses (facts/start-effects.ts for JS/TS, facts/python-start.ts for Python): per module, what
// loading it runs, what each function it exports runs when called, and the modules it loads. The
// leaf recognisers follow a start command's entry through them (seeds/start-walk.ts).
import type { Effect } from '../../model/finding.js'
import type { Guard } from '../../model/guard.js'
import type { Confidence } from '../../model/production.js'
import type { Span } from '../../model/span.js'

/** One call or option in a module's code that wipes or seeds the database. */
export interface StartEffect {
  effect: Effect
  /** the call or option as written: `sync({ force: true })` */
  code: string
  /** what it does, and the fact behind it */
  note: string
  /** what to change in the code instead */
  change: string
  span: Span
  /** high: it does it whenever it runs; low: a value the code computes decides (`force: isReset()`) */
  confidence: Confidence
  /** the tests on the environment it runs under: the `if` around it, or the value that decides it (`force: process.env.DB_RESET === 'true'`) */
  guards: Guard[]
}

/** A call, in running code, of a function another module exports. */
export interface ExportCall {
  path: string
  /** the exported name, `default` for the default export (`module.exports = fn`) */
  name: string
  span: Span
  guards: Guard[]
  /** how the code hands it over where that is no call, for the chain: `runs lifespan at startup (…)` */
  via?: string
  /** the truth of each constant argument it passes (undefined: computed); absent where the call spreads `*args`/`**kwargs` */
  arguments?: CallArguments
}

export interface CallArguments {
  positional: (boolean | undefined)[]
  keywords: Record<string, boolean | undefined>
}

/** What running a piece of code does: its own effects, and the exported functions it calls. */
export interface CodeEffects {
  effects: StartEffect[]
  calls: ExportCall[]
  /** the modules it has a server import as it runs (Python's `uvicorn.run("app.main:app")`), under its conditions */
  imports?: (ModuleLoad & { guards: Guard[] })[]
}

/** A local module a module loads (import or require: loading runs its top level). */
export interface ModuleLoad {
  path: string
  specifier: string
  span: Span
}

export interface StartModule {
  loads: ModuleLoad[]
  /** what its top level does when it is loaded */
  onLoad: CodeEffects
  /** what each exported function does when it is called */
  exported: Map<string, CodeEffects>
  /** what it does only when it is the program itself (Python's `if __name__ == "__main__":`), not when loaded */
  asMain?: CodeEffects
}

import type { Reach } from './walk.js'

type Env = Record<string, string>

/** the variables a walk's matchers looked at; `all` when one enumerated the whole environment */
interface Reads {
  names: Set<string>
  all: boolean
}

interface Entry {
  env: Env
  reads: Reads
  reach: Reach
  /** per seed, what the walk itself set on top of `env` */
  added: Env[]
}

/** More environments than this for one script are not remembered: each lookup tries them all. */
const MAX_VARIANTS = 32

/**
 * Walks of scripts and files, remembered by what can change their result. Keying on the whole
 * environment rarely hits: a step's `export NODE_OPTIONS=…` makes every later script a new walk.
 * A walk depends on its environment only through the variables the seed and deploy matchers
 * read, which are recorded while it runs, and through the environment each seed is reached with,
 * which is rebuilt from the caller's.
 */
export class WalkMemo {
  private readonly known = new Map<string, Entry[]>()
  /** the reads of each walk under way, innermost last */
  private readonly reading: Reads[] = []

  /** `env` as a matcher should see it: inside a remembered walk, each name it reads is recorded */
  observed(env: Env): Env {
    const reads = this.reading.at(-1)
    if (!reads) return env
    const note = (name: string | symbol) => typeof name === 'string' && reads.names.add(name)
    return new Proxy(env, {
      get: (target, name, receiver) => (note(name), Reflect.get(target, name, receiver)),
      has: (target, name) => (note(name), Reflect.has(target, name)),
      getOwnPropertyDescriptor: (target, name) => (note(name), Reflect.getOwnPropertyDescriptor(target, name)),
      ownKeys: (target) => ((reads.all = true), Reflect.ownKeys(target)),
    })
  }

  walk(key: string, env: Env, walk: () => Reach): Reach {
    const variants = this.known.get(key) ?? []
    const hit = variants.find((entry) => fits(entry, env))
    if (hit) {
      this.noteInCaller(hit.reads)
      const reach = cloneReach(hit.reach)
      reach.seeds.forEach((seed, i) => (seed.env = { ...env, ...hit.added[i] }))
      return reach
    }
    const reads: Reads = { names: new Set(), all: false }
    this.reading.push(reads)
    let reach: Reach
    try {
      reach = walk()
    } finally {
      this.reading.pop()
    }
    // what a script's matchers read, the walk that ran the script depends on too
    this.noteInCaller(reads)
    const added = reach.seeds.map((seed) => Object.fromEntries(Object.entries(seed.env).filter(([name, value]) => env[name] !== value)))
    if (variants.length < MAX_VARIANTS) this.known.set(key, [...variants, { env, reads, reach: cloneReach(reach), added }])
    return reach
  }

  private noteInCaller(reads: Reads): void {
    const caller = this.reading.at(-1)
    if (!caller) return
    for (const name of reads.names) caller.names.add(name)
    caller.all ||= reads.all
  }
}

function fits(entry: Entry, env: Env): boolean {
  if (entry.reads.all) return differing(entry.env, env).length === 0
  for (const name of entry.reads.names) if (entry.env[name] !== env[name]) return false
  // a seed runs with the caller's environment plus what the walk set: every other name must agree
  // (a name the walk set to the caller's own value is not told apart from one it inherited)
  return entry.reach.seeds.length === 0 || differing(entry.env, env).every((name) => entry.added.every((a) => Object.hasOwn(a, name)))
}

function differing(a: Env, b: Env): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...names].filter((name) => a[name] !== b[name])
}

function cloneReach(reach: Reach): Reach {
  return {
    seeds: reach.seeds.map((s) => ({ ...s, hops: [...s.hops], guards: [...s.guards] })),
    deploys: [...reach.deploys],
    migrations: [...reach.migrations],
    unresolved: reach.unresolved.map((u) => ({ ...u, hops: [...u.hops] })),
    problems: [...reach.problems],
    seedOnly: reach.seedOnly,
    exports: { ...reach.exports },
  }
}

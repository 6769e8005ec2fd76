import { describe, expect, it } from 'vitest'
import type { Guard } from '../../src/model/guard.js'
import { parseShell } from '../../src/shell/parse.js'
import { LineIndex } from '../../src/util/line-index.js'

// The conditions each `seed` command of a script runs under, as the parser records them:
// `NAME op values`, `!` for a negated guard, `:-d` / `-d` for a default, `= v` for a bound value.
function guardsOfSeeds(text: string, args?: string[]): string[] {
  const { commands } = parseShell({ text, offsets: (i) => i, file: 'run.sh', shell: 'bash' }, new LineIndex('run.sh', text), '.', args)
  return commands.filter((c) => c.words[0]?.value === 'seed').map((c) => c.guards.map(render).join(' && '))
}

function render(g: Guard): string {
  const fallback = g.fallback ? `${g.fallback.ifEmpty ? ':' : ''}-${g.fallback.value}` : ''
  const bound = g.bound === undefined ? [] : [`= '${g.bound}'`]
  return [`${g.negated ? '!' : ''}${g.variable}${fallback}`, g.op, ...(g.values.length > 0 ? [g.values.join('|')] : []), ...bound].join(' ')
}

const t = (text: string, expected: string[], args?: string[]) => it(`${text.replace(/\n/g, '⏎')}${args ? ` (${JSON.stringify(args)})` : ''}`, () => expect(guardsOfSeeds(text, args)).toEqual(expected))

describe('guards: case arms', () => {
  t('case "$NODE_ENV" in production) echo no ;; *) seed ;; esac', ['!NODE_ENV match production'])
  t('case "$NODE_ENV" in production) seed ;; esac', ['NODE_ENV match production'])
  t('case $APP_ENV in prod*|live) : ;; staging) seed ;; esac', ['!APP_ENV match prod*|live && APP_ENV match staging'])
  t('case "$X" in "a*") seed ;; esac', ['X match a\\*'])
  t('case "$X" in a) seed ;& b) seed ;; c) seed ;; esac', ['X match a', '', '!X match a && !X match b && X match c'])
  t('case "$X" in a) seed ;;& b) seed ;; esac', ['X match a', 'X match b'])
  t('case "$X" in $Y) : ;; *) seed ;; esac', [''])
  // what a command prints is only known when it runs
  t('case "$(uname)" in Linux) seed ;; esac', ['output opaque'])
})

describe("guards: a test of a command's output is undecided", () => {
  // what the command prints is only known when it runs (an empty users table on a first deploy)
  t('if [ "$(psql -tAc "SELECT count(*) FROM users")" -eq 0 ]; then seed; fi', ['output opaque'])
  t('if [ `psql -tAc "SELECT count(*) FROM users"` -eq "0" ]; then seed; fi', ['output opaque'])
  t('[[ -z $(ls db/seeded) ]] && seed', ['output opaque'])
  t('if [ "$(psql -tAc "SELECT 1")" = 1 ]; then :; else seed; fi', ['!output opaque'])
  t('if [ "$NODE_ENV" != production ]; then seed; fi', ['!NODE_ENV eq production'])
})

describe('guards: a branch that leaves the script', () => {
  t('if [ "$NODE_ENV" = production ]; then exec "$@"; fi\nseed', ['!NODE_ENV eq production'])
  t('if [ "$NODE_ENV" = production ]; then\n  echo bye\n  exit 0\nfi\nseed', ['!NODE_ENV eq production'])
  t('[ "$NODE_ENV" = production ] && exit 0\nseed', ['!NODE_ENV eq production'])
  t('[ "$NODE_ENV" != production ] || exit 0\nseed', ['!NODE_ENV eq production'])
  t('if [ "$A" = 1 ]; then exit; elif [ "$B" = 1 ]; then exit; fi\nseed', ['!A eq 1 && !B eq 1'])
  t('if [ "$A" = 1 ]; then echo; elif [ "$B" = 1 ]; then exit; fi\nseed', [''])
  t('if [ "$CI" = true ]; then echo ci; else exit 1; fi\nseed', ['CI eq true'])
  t('exit 0\nseed', [])
  // nothing to become: `exec` with only redirections, or `"$@"` of an empty command line, goes on
  t('if [ "$X" = 1 ]; then exec >log 2>&1; fi\nseed', [''])
  t('if [ "$X" = 1 ]; then exec "$@"; fi\nseed', [''], [])
  t('if [ "$X" = 1 ]; then (exit 1); fi\nseed', [''])
  t('if [ "$X" = 1 ]; then exit 1 & fi\nseed', [''])
})

describe('guards: defaults and positional parameters', () => {
  t('if [ "${RUN_SEED:-true}" = true ]; then seed; fi', ['RUN_SEED:-true eq true'])
  t('if [ "${RUN_SEED-true}" = true ]; then seed; fi', ['RUN_SEED-true eq true'])
  t('if [ "${RUN_SEED:=yes}" = yes ]; then seed; fi', ['RUN_SEED:-yes eq yes'])
  t('if [ "${RUN_SEED:+x}" = x ]; then seed; fi', [''])
  t('if [ "${1:-}" = --seed ]; then seed; fi', ['1:- eq --seed'])
  t('if [ "${1:-}" = --seed ]; then seed; fi', ["1:- eq --seed = ''"], [])
  t('if [ "$1" = --seed ]; then seed; fi', ["1 eq --seed = '--seed'"], ['--seed'])
  t('[ -n "$2" ] && seed', ["2 set = 'b'"], ['a', 'b'])
  t('[ "$#" = 0 ] || seed', ["!# eq 0 = '1'"], ['a'])
  t('case "$1" in demo) seed ;; esac', ["1 match demo = 'live'"], ['live'])
  t('[[ $STAGE == prod* ]] || seed', ['!STAGE match prod*'])
  t('[[ $STAGE == "prod*" ]] || seed', ['!STAGE eq prod*'])
  // a function's parameters are its own arguments
  t('load() { if [ "$1" = all ]; then seed; fi; }\nload all', ["1 eq all = 'all'"])
  t('load() { if [ "$1" = all ]; then seed; fi; }\nload "$MODE"', ['1 eq all'])
})

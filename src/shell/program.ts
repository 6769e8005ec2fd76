// The program a command line runs behind the launchers that only start it: `bundle exec`, `python -m`, `php`.
import { basenameOf } from '../util/paths.js'

/** `python -m flask`, `python manage.py`, `php artisan`, `bundle exec rails`, `bin/rails`: the program and its arguments */
export function programOf(argv: string[]): string[] {
  let words = argv[0] === 'bundle' && argv[1] === 'exec' ? argv.slice(2) : argv
  const first = basenameOf(words[0] ?? '')
  if (/^python[\d.]*$/.test(first)) words = words[1] === '-m' ? words.slice(2) : words.slice(1)
  else if (first === 'php') words = words.slice(1)
  return [basenameOf(words[0] ?? ''), ...words.slice(1)]
}

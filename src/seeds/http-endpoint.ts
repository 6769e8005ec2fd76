// https://curl.se/docs/manpage.html (a request is sent whatever happens to the response)
import type { LeafCommand } from '../model/command.js'
import { basename, isSeedCommandName } from './argv.js'
import type { SeedTool } from './types.js'

// each client's options whose value is the next word: that word is no URL
const CURL_VALUED = ['-X', '--request', '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '--data-urlencode', '--json', '-o', '--output', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar', '-F', '--form', '-T', '--upload-file', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '-x', '--proxy']
const WGET_VALUED = ['-O', '--output-document', '-o', '--output-file', '-P', '--directory-prefix', '-t', '--tries', '-T', '--timeout', '-U', '--user-agent', '--header', '--post-data', '--body-data', '--method', '--user', '--password']
const HTTPIE_VALUED = ['-a', '--auth', '-A', '--auth-type', '-o', '--output', '--session', '--verify', '--cert', '--timeout']
const CLIENTS = new Map([
  ['curl', new Set(CURL_VALUED)],
  ['wget', new Set(WGET_VALUED)],
  ['http', new Set(HTTPIE_VALUED)],
  ['https', new Set(HTTPIE_VALUED)],
  ['xh', new Set(HTTPIE_VALUED)],
])

/** The path of a word that is a URL (`https://api.example.com/seed`, `localhost:5000/api/seed`, httpie's `:5000/seed`). */
function urlPath(word: string): string | undefined {
  const text = word.startsWith(':') ? `localhost${word}` : word
  if (!/^(?:https?:\/\/)?(?:[\w.-]+|\[[\d:a-f]+\]|\$\{?\w+\}?)(?::\d+)?\//i.test(text)) return undefined
  try {
    return new URL(text.includes('://') ? text : `http://${text}`).pathname
  } catch {
    return undefined
  }
}

/** The endpoint a request names for seeding: its last path segment, not a file (`/seed.sql` is a download). */
function seedEndpoint({ argv }: LeafCommand): string | undefined {
  const valued = CLIENTS.get(basename(argv[0] ?? ''))
  if (!valued) return undefined
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!
    if (valued.has(word)) {
      i++
      continue
    }
    const value = word === '--url' ? argv[++i] : word.startsWith('-') ? undefined : word
    const path = value === undefined ? undefined : urlPath(value)
    const last = path?.split('/').filter(Boolean).at(-1)
    if (last !== undefined && !/\.[a-z]\w*$/i.test(last) && isSeedCommandName(decodeURIComponent(last))) return path
  }
  return undefined
}

const httpEndpoint: SeedTool = {
  id: 'http-endpoint',
  title: 'Seed endpoint',
  docs: 'https://curl.se/docs/manpage.html',
  // the app behind the URL seeds its own database when the route is called: named so, likely, not certain
  match: (cmd) => {
    const path = seedEndpoint(cmd)
    return path === undefined ? undefined : { confidence: 'medium', note: `requests \`${path}\`, an endpoint of the app named for seeding: the app seeds the database it runs with` }
  },
}
export default httpEndpoint

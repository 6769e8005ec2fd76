/**
 * Remote actions that set up tools, move files or log in, and never run a project's own scripts.
 * They are not reported as "unresolved" on a production path; anything else is, since an action
 * that cannot be read could hide a seed. Names are compared in lower case, as GitHub compares them.
 */
const BENIGN_OWNERS = new Set(['actions', 'github', 'docker', 'pnpm', 'oven-sh', 'denoland', 'ruby', 'shivammathur', 'erlef', 'hashicorp', 'azure', 'google-github-actions', 'aws-actions', 'dtolnay', 'astral-sh', 'gradle', 'codecov', 'peter-evans', 'softprops', 'crazy-max', 'jdx', 'extractions', 'bahmutov', 'cypress-io', 'supabase', 'prisma', 'cachix', 'nick-fields', 'tj-actions', 'dorny', 'mikefarah', 'ncipollo', 'marocchino', 'slackapi', 'rtcamp', '8398a7', 'webfactory', 'kielabokkie', 'appleboy', 'imjasonh', 'sigstore', 'anchore', 'aquasecurity', 'chromaui', 'changesets', 'release-drafter', 'googleapis', 'amannn', 'actions-rs', 'superfly', 'vercel', 'netlify', 'cloudflare'])
const BENIGN_ACTIONS = new Set(['pnpm/action-setup', 'oven-sh/setup-bun', 'ruby/setup-ruby', 'shivammathur/setup-php', 'nrwl/nx-set-shas', 'wagoid/commitlint-github-action', 'styfle/cancel-workflow-action', 'johnnybuilds/setup-node', 'nowsprinting/check-version-format-action', 'mxschmitt/action-tmate', 'treosh/lighthouse-ci-action', 'browser-actions/setup-chrome', 'ankane/setup-postgres', 'ankane/setup-mysql', 'harmon758/postgresql-action', 'mirromutth/mysql-action', 'supercharge/mongodb-github-action', 'supercharge/redis-github-action', 'goto-bus-stop/setup-zig', 'arduino/setup-protoc', 'bufbuild/buf-setup-action', 'digitalocean/action-doctl'])

export function isBenignAction(uses: string): boolean {
  const name = uses.replace(/@.*$/, '').toLowerCase()
  const [owner, repo] = name.split('/')
  if (!owner || !repo) return false
  if (BENIGN_ACTIONS.has(`${owner}/${repo}`)) return true
  return BENIGN_OWNERS.has(owner) || /^setup-|-setup$|^cache|^checkout/.test(repo)
}

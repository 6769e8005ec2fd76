// What a database image runs from /docker-entrypoint-initdb.d: only on the first start of a
// container whose data directory is empty, never again while that data is kept.
import type { ContextStep, ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { imageName } from '../../model/image-name.js'
import type { Project } from '../../project/project.js'
import { relativePath } from '../../util/paths.js'
import { filesUnder } from './container-paths.js'
import type { Mount } from './types.js'

/**
 * The official images whose entrypoint runs the directory's scripts (`*.sh`) and loads its SQL
 * (`*.sql`, `*.sql.gz` …; mongo: `*.js`), in name order, only when it initialises an empty data directory:
 * https://hub.docker.com/_/postgres ("Initialization scripts"), https://hub.docker.com/_/mysql and
 * https://hub.docker.com/_/mariadb ("Initializing the database contents"), https://hub.docker.com/_/mongo
 * ("Initializing a fresh instance"); postgis/postgis keeps the postgres entrypoint (https://hub.docker.com/r/postgis/postgis).
 */
const DATABASE_IMAGES = new Set(['postgres', 'mysql', 'mariadb', 'mongo'].map((n) => `docker.io/library/${n}`).concat('docker.io/postgis/postgis'))
const INITDB = '/docker-entrypoint-initdb.d'

export function isDatabaseImage(written: string): boolean {
  const name = imageName(written)
  return name !== undefined && DATABASE_IMAGES.has(name.repository)
}

export interface DatabaseContainer {
  id: string
  /** the image start, as the chain's first hop names it */
  label: string
  span: Span
  /** why the container is production; the first-start condition is added to it */
  production: string
  mounts: Mount[]
  cwd: string
  env: Record<string, string>
}

/**
 * The first start of a production database container, where COPY or a bind mount puts files in
 * /docker-entrypoint-initdb.d: each file a step located at the line that puts it there, named by its
 * repository path so a seed file (`seed.sql`) or a script's seed command is found. It is production
 * only while the database is empty, so the verdict stays uncertain: a warning that says so.
 */
export function initdbContext(project: Project, container: DatabaseContainer): ExecutionContext | undefined {
  const scripts = filesUnder(project, container.mounts, INITDB).filter(({ path }) => path.split('/').length === 3)
  if (scripts.length === 0) return undefined
  const steps = scripts.map(({ file, path, span }): ContextStep => {
    const at = span ?? container.span
    // the command stands for the whole line that puts the file there
    const text = relativePath(container.cwd, file)
    return { label: `the entrypoint runs ${path} (${file}) on the first start`, span: at, source: { text, offsets: (i) => (i < text.length - 1 ? at.start.offset : i === text.length - 1 ? at.end.offset - 1 : at.end.offset), file: at.file, shell: 'sh' }, cwd: container.cwd, env: container.env, reasons: [] }
  })
  const reason: ProductionReason = { kind: 'platform-phase', towards: true, weak: true, detail: `${container.production}; but the image runs ${INITDB} only on its first start, when the data directory is empty: it seeds a new production database, never one that holds data`, span: container.span }
  return { id: `${container.id}#initdb`, label: container.label, span: container.span, reasons: [reason], steps, ownDatabase: true }
}

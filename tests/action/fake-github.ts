// A stand-in for the few GitHub REST endpoints the action calls, on 127.0.0.1: the action reaches
// it through GITHUB_API_URL, as it would reach GitHub Enterprise Server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  path: string
  body: Record<string, unknown> | undefined
  authorization: string | undefined
}

export interface FakeGitHub {
  url: string
  requests: Recorded[]
  comments: Map<number, { id: number; issue: number; body: string }>
  issues: Map<number, { number: number; title: string; body: string; state: 'open' | 'closed'; state_reason?: string }>
  checkRuns: Map<number, { id: number; name: string; head_sha: string; status: string; conclusion?: string; annotations: Record<string, unknown>[]; output?: Record<string, unknown> }>
  /** 'read-only': writes answer 403 as for a fork's pull request; 'broken': everything answers 500 */
  mode: 'ok' | 'read-only' | 'broken'
  close(): Promise<void>
}

export async function startFakeGitHub(): Promise<FakeGitHub> {
  let nextId = 1000
  let nextIssue = 1
  const fake: Omit<FakeGitHub, 'url' | 'close'> = { requests: [], comments: new Map(), issues: new Map(), checkRuns: new Map(), mode: 'ok' }
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const path = url.pathname
      fake.requests.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization })
      if (fake.mode === 'broken') return send(res, 500, { message: 'Server Error' })
      if (fake.mode === 'read-only' && req.method !== 'GET') return send(res, 403, { message: 'Resource not accessible by integration' })
      route(req.method ?? '', path, body ?? {}, res, url.searchParams)
    })
  })

  function route(method: string, path: string, body: Record<string, unknown>, res: ServerResponse, query: URLSearchParams) {
    let m: RegExpMatchArray | null
    if (path.match(/^\/repos\/[^/]+\/[^/]+\/issues$/)) {
      const state = query.get('state') ?? 'open'
      if (method === 'GET') return send(res, 200, [...fake.issues.values()].filter((i) => state === 'all' || i.state === state))
      if (method === 'POST') {
        const issue = { number: nextIssue++, title: String(body.title), body: String(body.body ?? ''), state: 'open' as const }
        fake.issues.set(issue.number, issue)
        return send(res, 201, issue)
      }
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)$/)) && method === 'PATCH') {
      const issue = fake.issues.get(Number(m[1]))
      if (!issue) return send(res, 404, { message: 'Not Found' })
      if (body.body !== undefined) issue.body = String(body.body)
      if (body.state === 'open' || body.state === 'closed') issue.state = body.state
      if (body.state_reason !== undefined) issue.state_reason = String(body.state_reason)
      return send(res, 200, issue)
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/))) {
      const issue = Number(m[1])
      if (method === 'GET') return send(res, 200, [...fake.comments.values()].filter((c) => c.issue === issue))
      if (method === 'POST') {
        const comment = { id: nextId++, issue, body: String(body.body) }
        fake.comments.set(comment.id, comment)
        return send(res, 201, comment)
      }
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/)) && method === 'PATCH') {
      const comment = fake.comments.get(Number(m[1]))
      if (!comment) return send(res, 404, { message: 'Not Found' })
      comment.body = String(body.body)
      return send(res, 200, comment)
    }
    if (path.match(/^\/repos\/[^/]+\/[^/]+\/check-runs$/) && method === 'POST') {
      const run = { id: nextId++, name: String(body.name), head_sha: String(body.head_sha), status: String(body.status), annotations: [] }
      fake.checkRuns.set(run.id, run)
      return send(res, 201, run)
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/)) && method === 'PATCH') {
      const run = fake.checkRuns.get(Number(m[1]))
      if (!run) return send(res, 404, { message: 'Not Found' })
      const output = body.output as { annotations?: Record<string, unknown>[] } | undefined
      // the real API appends each request's annotations to the ones already there
      run.annotations.push(...(output?.annotations ?? []))
      if (output) run.output = output
      if (body.status) run.status = String(body.status)
      if (body.conclusion) run.conclusion = String(body.conclusion)
      return send(res, 200, run)
    }
    send(res, 404, { message: `no route for ${method} ${path}` })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}

function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      resolve(text ? (JSON.parse(text) as Record<string, unknown>) : undefined)
    })
  })
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

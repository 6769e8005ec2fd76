import { describe, expect, it } from 'vitest'
import goServer from '../../src/seeds/go-server.js'
import { projectWithFacts } from '../helpers/project.js'
import { confidenceOf, wipeConfidenceOf } from './table.js'

const GO_MOD = 'module example.com/shop\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.4.0\n'
const server = (body: string) => projectWithFacts({ 'go.mod': GO_MOD, 'cmd/api/main.go': `package main\n\nimport ("flag"; "example.com/shop/internal/seed")\n\nfunc main() {\n${body}\n}\n` })

describe('go-server', () => {
  it.each([
    ['go run ./cmd/api', '.', 'medium'],
    ['go run .', 'cmd/api', 'medium'],
    ['go run ./cmd/api/main.go', '.', 'medium'],
    ['./api', 'cmd/api', 'medium'],
    ['/usr/local/bin/api --port 8080', '.', 'medium'],
    ['go build ./cmd/api', '.', 'none'],
    ['go run ./cmd/worker', '.', 'none'],
    ['./worker', '.', 'none'],
    // a bare name is found on the PATH: the repository's binary only where its build says so
    ['api --port 8080', '.', 'none'],
  ])('%s in %s → %s', async (line, cwd, expected) => {
    expect(confidenceOf(goServer, line, await server('seed.Run(db)'), cwd)).toBe(expected)
  })

  it.each([
    ['/app/api -seed', 'medium'],
    ['/app/api --seed=true', 'medium'],
    ['go run ./cmd/api -seed', 'medium'],
    ['/app/api', 'none'],
    ['/app/api -seed=false', 'none'],
  ])('behind a flag: %s → %s', async (line, expected) => {
    expect(confidenceOf(goServer, line, await server('demo := flag.Bool("seed", false, "")\nflag.Parse()\nif *demo { seed.Run(db) }'))).toBe(expected)
  })

  it.each([
    ['/app/api seed', 'medium'],
    ['go run ./cmd/api -v seed', 'medium'],
    ['/app/api serve', 'none'],
    ['/app/api', 'none'],
  ])('a subcommand: %s → %s', async (line, expected) => {
    expect(confidenceOf(goServer, line, await server('flag.Parse()\nswitch flag.Arg(0) {\ncase "seed":\n\tseed.Run(db)\ncase "serve":\n\tserve()\n}'))).toBe(expected)
  })

  it.each([
    ['RUN go build -o /out/shop-api ./cmd/api/main.go', 'shop-api', 'medium'],
    ['RUN cd /src && CGO_ENABLED=0 go build -ldflags="-s -w" -o bin/ ./cmd/api', 'api', 'medium'],
    ['RUN go build ./cmd/api', 'api', 'medium'],
    ['RUN go build -o /out/shop-api ./cmd/worker', 'shop-api', 'none'],
  ])('the binary a Dockerfile builds: %s, started as %s → %s', async (build, program, expected) => {
    const project = await projectWithFacts({
      'go.mod': GO_MOD,
      'cmd/api/main.go': 'package main\n\nimport "example.com/shop/internal/seed"\n\nfunc main() { seed.Run(db) }\n',
      Dockerfile: `FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\n${build}\n`,
    })
    expect(confidenceOf(goServer, program, project)).toBe(expected)
  })

  it('a DropTable at start wipes on every start', async () => {
    expect(wipeConfidenceOf(goServer, 'go run ./cmd/api', await server('db.Migrator().DropTable("sessions")'))).toBe('high')
  })
})

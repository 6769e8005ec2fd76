// The arrivals picture: the Mermaid chart in --format markdown is valid for Mermaid's own parser
// (which needs a DOM: jsdom stands in for the browser), its bars are the database's rows per hour,
// and the hour of the seed run is the one drawn in red; the text output has the same as a sparkline.
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../src/verify/report/markdown.js'
import { renderText } from '../../src/verify/report/text.js'
import { runVerify } from '../../src/verify/run.js'
import type { VerifyResult } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase } from './dialects.js'
import { END, rng, type FixtureTable } from './fixture.js'

const HOUR = 3_600_000
const FROM = END - 30 * HOUR
const SEED = END - 7 * HOUR + 1234

/** sign-ups that follow the day (busy afternoons, quiet nights) over 30 hours, and 30 rows in 300 ms */
function signups(): FixtureTable {
  const r = rng(5)
  const times: number[] = []
  for (let h = 0; h < 30; h++) {
    const hourOfDay = new Date(FROM + h * HOUR).getUTCHours()
    const n = Math.round(4 + 10 * Math.max(0, Math.sin(((hourOfDay - 6) / 24) * 2 * Math.PI)))
    for (let i = 0; i < n; i++) times.push(FROM + h * HOUR + Math.floor(r() * HOUR))
  }
  for (let i = 0; i < 30; i++) times.push(SEED + i * 10)
  times.sort((a, b) => a - b)
  return { name: 'signups', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: times.map((t, i) => [i + 1, `person${i}.x@gmail.com`, t]) }
}

interface Chart {
  title: string
  categories: string[]
  plots: Array<{ type: string; fill: string; data: Array<[string, number]> }>
}

/** each ```mermaid block, through Mermaid's parser and into its own chart data */
async function charts(markdown: string): Promise<Chart[]> {
  const dom = new JSDOM('<!doctype html><html><body></body></html>')
  Object.assign(globalThis, { window: dom.window, document: dom.window.document, DOMParser: dom.window.DOMParser })
  const { default: mermaid } = await import('mermaid')
  const out: Chart[] = []
  for (const [, text] of markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)) {
    expect(await mermaid.parse(text!)).toMatchObject({ diagramType: 'xychart' })
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text!)
    const db = diagram.db as unknown as { getDiagramTitle(): string; getXYChartData(): { xAxis: { categories: string[] }; plots: Chart['plots'] } }
    const data = db.getXYChartData()
    out.push({ title: db.getDiagramTitle(), categories: data.xAxis.categories, plots: data.plots })
  }
  return out
}

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: the arrivals picture`, () => {
    let db: TestDatabase | undefined
    let result: VerifyResult
    let perHour: Map<number, number>
    beforeAll(async () => {
      db = await dialect.create('picture', [signups()])
      const client = await db.open()
      try {
        result = await runVerify(client, 'test', { schemas: db.schemas, picture: true })
        // the database's own count of each hour, read apart from the verifier
        const times = await client.query<{ t: unknown }>(`SELECT ${client.sql.epochMs(client.sql.quote('createdAt'), dialect.id === 'sqlite' ? 'dynamic' : 'timestamp')} AS t FROM ${client.sql.quote('signups')}`)
        perHour = new Map()
        for (const { t } of times) perHour.set(Math.floor(Number(t) / HOUR) * HOUR, (perHour.get(Math.floor(Number(t) / HOUR) * HOUR) ?? 0) + 1)
      } finally {
        await client.close()
      }
    }, 120_000)
    afterAll(async () => db?.drop())

    it('draws a Mermaid chart that Mermaid parses, with the database’s rows per hour, the seed run’s hour in red', async () => {
      expect(result.indicators.filter((i) => i.severity === 'error').map((i) => i.check)).toEqual(['creation-bursts'])
      const [chart, ...more] = await charts(renderMarkdown(result))
      expect(more).toEqual([])
      expect(chart!.title).toBe(`signups: rows per hour, ${new Date(FROM).toISOString().slice(0, 16).replace('T', ' ')} → ${new Date(END).toISOString().slice(0, 16).replace('T', ' ')} UTC, flagged bursts in red`)
      const hours = Array.from({ length: 30 }, (_, h) => FROM + h * HOUR)
      expect(chart!.categories).toEqual(hours.map((h) => `${new Date(h).toISOString().slice(5, 13).replace('T', ' ')}h`))
      const [all, flagged] = chart!.plots
      expect(all!.data.map(([, n]) => n)).toEqual(hours.map((h) => perHour.get(h) ?? 0))
      expect(all!.data.reduce((sum, [, n]) => sum + n, 0)).toBe(result.tables[0]!.rows)
      expect([all!.fill, flagged!.fill]).toEqual(['#8da0b6', '#d62728'])
      const seedHour = Math.floor(SEED / HOUR) * HOUR
      expect(flagged!.data.map(([, n]) => n)).toEqual(hours.map((h) => (h === seedHour ? perHour.get(h) : 0)))
    })

    it('prints a sparkline with the seed run’s hour marked', () => {
      const lines = renderText(result).split('\n')
      const at = lines.findIndex((l) => l.startsWith('  signups │'))
      const bars = lines[at]!.slice('  signups │'.length, '  signups │'.length + 30)
      expect([...bars]).toHaveLength(30)
      // the seed run's hour holds the most rows: the full block
      expect([...bars][Math.floor((SEED - FROM) / HOUR)]).toBe('█')
      expect(lines[at + 1]!.indexOf('^') - '  signups │'.length).toBe(Math.floor((SEED - FROM) / HOUR))
    })
  })
}

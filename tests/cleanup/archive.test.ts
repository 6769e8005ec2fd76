import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArchiveError, createArchive, inspectArchive, readArchive, type ArchivedTable, type ArchiveEntry, type ArchiveHeader, type RowCodec } from '../../src/cleanup/archive/index.js'

const dir = mkdtempSync(join(tmpdir(), 'seedguard-archive-'))
let files = 0
const fresh = () => join(dir, `archive-${++files}.jsonl`)

const HEADER: ArchiveHeader = { format: 'seedguard-archive', version: 1, dialect: 'sqlite', database: 'sqlite:app.db', planHash: 'abc', scope: 'seeded', createdAt: '2026-12-07T00:00:00.000Z' }
/** values are already JSON: the codecs have their own tests through restore on every dialect */
const PLAIN: RowCodec = { selectList: () => '*', encode: (value) => value as string, decode: (value) => value, placeholder: () => '?' }
const section = (name: string, action: ArchivedTable['action'] = 'delete'): ArchivedTable => ({ table: { name }, display: name, action, columns: [{ name: 'id', type: 'INTEGER' }, { name: 'email', type: 'TEXT' }], key: ['id'] })

async function written(rows: Record<string, Array<[number, string]>>): Promise<string> {
  const path = fresh()
  const writer = await createArchive(path, HEADER, PLAIN)
  for (const [name, values] of Object.entries(rows)) {
    await writer.table(section(name))
    for (const row of values) await writer.row(row)
  }
  await writer.finish()
  return path
}

async function entries(path: string, options = {}): Promise<ArchiveEntry[]> {
  const out: ArchiveEntry[] = []
  for await (const entry of readArchive(path, options)) out.push(entry)
  return out
}

describe('the archive file', () => {
  it('reads back what was written: header, sections with their rows, the end with the counts', async () => {
    const path = await written({ Session: [[1, 'a'], [2, 'b\nc "d"']], User: [[7, 'ünï 𝄞']] })
    const lines = readFileSync(path, 'utf8').split('\n')
    expect(lines).toHaveLength(8)
    expect(lines.at(-1)).toBe('')
    expect(JSON.parse(lines[6]!)).toEqual({ end: { rows: [2, 1] } })
    expect(await entries(path)).toEqual([
      { kind: 'header', header: HEADER },
      { kind: 'section', index: 0, section: section('Session') },
      { kind: 'row', section: 0, values: [1, 'a'] },
      { kind: 'row', section: 0, values: [2, 'b\nc "d"'] },
      { kind: 'section', index: 1, section: section('User') },
      { kind: 'row', section: 1, values: [7, 'ünï 𝄞'] },
      { kind: 'end', rows: [2, 1] },
    ])
    // one section's rows only, the others still counted
    expect((await entries(path, { section: 1 })).filter((e) => e.kind === 'row')).toEqual([{ kind: 'row', section: 1, values: [7, 'ünï 𝄞'] }])
    expect(await inspectArchive(path)).toEqual({ header: HEADER, sections: [section('Session'), section('User')], rows: [2, 1] })
  })

  it('refuses an archive cut short: no end line, a line cut in half, counts that differ', async () => {
    const path = await written({ Session: [[1, 'a'], [2, 'b']], User: [[7, 'c']] })
    const text = readFileSync(path, 'utf8')
    const lines = text.split('\n')
    const noEnd = fresh()
    writeFileSync(noEnd, lines.slice(0, -2).join('\n') + '\n')
    const halfLine = fresh()
    writeFileSync(halfLine, text.slice(0, text.indexOf('[7,') + 3))
    const lostRow = fresh()
    writeFileSync(lostRow, [...lines.slice(0, 2), ...lines.slice(3)].join('\n'))
    await expect(inspectArchive(noEnd)).rejects.toThrow(/^archive is truncated: .* has no end line/)
    await expect(inspectArchive(halfLine)).rejects.toThrow(/^archive is truncated or damaged: .*:6 is not a complete JSON line/)
    await expect(inspectArchive(lostRow)).rejects.toThrow(/^archive is truncated: Session holds 1 rows in .*, its end line says 2/)
    const tail = fresh()
    writeFileSync(tail, text + '[8,"x"]\n')
    await expect(inspectArchive(tail)).rejects.toThrow(ArchiveError)
    const notOne = fresh()
    writeFileSync(notOne, '{"hello":1}\n')
    await expect(inspectArchive(notOne)).rejects.toThrow(/is not a seedguard archive/)
  })

  it('never writes over an existing file, and abort() removes the partial one', async () => {
    const existing = fresh()
    writeFileSync(existing, 'precious')
    await expect(createArchive(existing, HEADER, PLAIN)).rejects.toThrow(/already exists: an archive is never written over another/)
    expect(readFileSync(existing, 'utf8')).toBe('precious')

    const path = fresh()
    const writer = await createArchive(path, HEADER, PLAIN)
    await writer.table(section('User'))
    await writer.row([1, 'a'])
    await writer.abort()
    expect(existsSync(path)).toBe(false)
    await expect(writer.row([2, 'b'])).rejects.toThrow(/is aborted/)
  })

  it('checks rows against their section', async () => {
    const writer = await createArchive(fresh(), HEADER, PLAIN)
    await expect(writer.row([1, 'a'])).rejects.toThrow(/a row before any table/)
    await writer.table(section('User'))
    await expect(writer.row([1])).rejects.toThrow(/User: a row of 1 values for 2 columns/)
    await writer.abort()
  })

  it('streams: rows reach the file while they are written, not at finish', async () => {
    const path = fresh()
    const writer = await createArchive(path, HEADER, PLAIN)
    await writer.table(section('User'))
    for (let id = 0; id < 50_000; id++) await writer.row([id, `user${id}@example.com`])
    expect(statSync(path).size).toBeGreaterThan(1_000_000)
    await writer.finish()
    let rows = 0
    for await (const entry of readArchive(path)) if (entry.kind === 'row') rows++
    expect(rows).toBe(50_000)
  })
})

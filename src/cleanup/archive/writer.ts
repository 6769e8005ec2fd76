import { open, unlink, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { ArchiveError, endLine, headerLine, rowLine, sectionLine } from './format.js'
import type { ArchivedTable, ArchiveHeader, ArchiveWriter, RowCodec } from './types.js'

/** what the writer gathers before one write to the file: a few hundred rows, whatever their number */
const FLUSH_BYTES = 256 * 1024

/**
 * Creates the archive at `path` (never over an existing file: an archive is the only copy of the
 * rows it holds) and writes its header. Rows are encoded by `codec` as they come and written in
 * blocks; `row` waits while a block is being written, so memory stays flat in the number of rows.
 */
export async function createArchive(path: string, header: ArchiveHeader, codec: RowCodec): Promise<ArchiveWriter> {
  let file: FileHandle
  try {
    file = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ArchiveError(`${path} already exists: an archive is never written over another; name a new file`)
    throw error
  }
  const counts: number[] = []
  let section: ArchivedTable | undefined
  let pending = `${headerLine(header)}\n`
  let state: 'open' | 'finished' | 'aborted' = 'open'

  const flush = async () => {
    const block = pending
    pending = ''
    if (block) await file.write(block)
  }
  const assertOpen = () => {
    if (state !== 'open') throw new ArchiveError(`the archive ${path} is ${state}: nothing more can be written to it`)
  }

  return {
    async table(table) {
      assertOpen()
      section = table
      counts.push(0)
      pending += `${sectionLine(table)}\n`
    },
    async row(values) {
      assertOpen()
      if (!section) throw new ArchiveError('a row before any table: call table() first')
      const { columns } = section
      if (values.length !== columns.length) throw new ArchiveError(`${section.display}: a row of ${values.length} values for ${columns.length} columns`)
      pending += `${rowLine(values.map((value, i) => codec.encode(value, columns[i]!)))}\n`
      counts[counts.length - 1]! += 1
      if (pending.length >= FLUSH_BYTES) await flush()
    },
    async finish() {
      assertOpen()
      pending += `${endLine(counts)}\n`
      await flush()
      // on disk before the cleanup commits its deletes (https://nodejs.org/api/fs.html#filehandlesync,
      // fsync(2)); the directory too, so that the file's name survives a crash
      await file.sync()
      await file.close()
      state = 'finished'
      await syncDirectory(dirname(path))
    },
    async abort() {
      if (state !== 'open') return
      state = 'aborted'
      await file.close().catch(() => {})
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
    },
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

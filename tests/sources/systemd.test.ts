import { describe, expect, it } from 'vitest'
import { serverCommandsOfText } from '../../src/shell/server-commands.js'
import { readServiceUnit } from '../../src/sources/systemd/unit-file.js'
import { UNIT_INTEREST, unitStarts } from '../../src/sources/systemd/units.js'
import { LineIndex } from '../../src/util/line-index.js'

describe('systemd service units', () => {
  it('reads the Exec lines of [Service] as argv, prefixes off, continuation lines joined, at their places', () => {
    const text = `[Unit]
ExecStart=/bin/false
[Service]
Environment="A=1 2" B=3
ExecStartPre=-/usr/bin/env echo pre
ExecStart=@/usr/bin/node app-name server.js \\
  --port 80
ExecStartPost=+/bin/sh -c "echo 'post'" ; /bin/true
`
    const unit = readServiceUnit(new LineIndex('app.service', text))
    expect(unit.env).toEqual({ A: '1 2', B: '3' })
    expect(unit.commands.map((c) => [c.key, c.words.map((w) => w.value)])).toEqual([
      ['ExecStartPre', ['/usr/bin/env', 'echo', 'pre']],
      ['ExecStart', ['/usr/bin/node', 'server.js', '--port', '80']],
      ['ExecStartPost', ['/bin/sh', '-c', "echo 'post'"]],
      ['ExecStartPost', ['/bin/true']],
    ])
    const node = unit.commands[1]!.words[0]!
    expect(text.slice(node.start, node.end)).toBe('/usr/bin/node')
    expect(unit.commands[1]!.span.end.line).toBe(7)
  })

  it('finds the units a deploy starts or installs, here and over ssh', () => {
    const starts = (text: string) => unitStarts(serverCommandsOfText(text, '.', UNIT_INTEREST)).map((u) => `${u.remote ? '@' : ''}${u.unit}`)
    expect(starts('sudo systemctl restart shop.service worker@2')).toEqual(['shop', 'worker@'])
    expect(starts('systemctl --user enable --now ./deploy/api.service')).toEqual(['api'])
    expect(starts('ssh web1 "sudo cp deploy/app.service /etc/systemd/system/shop.service && sudo systemctl daemon-reload"')).toEqual(['@app', '@shop'])
    expect(starts('systemctl status shop; systemctl stop shop; cp a.service /tmp/')).toEqual([])
  })
})

// A hand-written SVG chart: grouped bars, one panel per measure, a shared legend.

export interface Series {
  name: string
  color: string
  /** One value per group; the bar's label is `format(value)`. */
  values: number[]
}

export interface Panel {
  title: string
  groups: string[]
  series: Series[]
  scale: 'linear' | 'log'
  /** Axis range; on a log scale values above max are drawn to the top with their label. */
  min: number
  max: number
  ticks: number[]
  /** Bar values (tooltips, off-scale labels). */
  format(value: number): string
  /** Axis labels; defaults to format. */
  tickFormat?(value: number): string
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"'

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function panel(p: Panel, x0: number, y0: number, width: number, height: number): string {
  const left = 56
  const top = 28
  const bottom = 28
  const plotW = width - left - 8
  const plotH = height - top - bottom
  const y = (v: number) => {
    const f =
      p.scale === 'log'
        ? (Math.log10(v) - Math.log10(p.min)) / (Math.log10(p.max) - Math.log10(p.min))
        : (v - p.min) / (p.max - p.min)
    return y0 + top + plotH * (1 - Math.min(1, Math.max(0, f)))
  }
  const out: string[] = []
  out.push(`<text x="${x0 + left}" y="${y0 + 16}" font-size="14" font-weight="600" ${FONT}>${escape(p.title)}</text>`)
  for (const t of p.ticks) {
    out.push(
      `<line x1="${x0 + left}" x2="${x0 + left + plotW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`
    )
    out.push(
      `<text x="${x0 + left - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#555" ${FONT}>${escape((p.tickFormat ?? p.format)(t))}</text>`
    )
  }
  const groupW = plotW / p.groups.length
  const barW = (groupW * 0.84) / p.series.length
  p.groups.forEach((group, g) => {
    const gx = x0 + left + g * groupW + groupW * 0.08
    p.series.forEach((s, i) => {
      const v = s.values[g]!
      const top = y(v)
      const base = y(p.min)
      const bx = gx + i * barW
      out.push(
        `<rect x="${bx.toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(base - top).toFixed(1)}" fill="${s.color}"><title>${escape(`${s.name}, ${group}: ${p.format(v)}`)}</title></rect>`
      )
      if (v > p.max) {
        out.push(
          `<text x="${(bx + barW / 2).toFixed(1)}" y="${(top + 10).toFixed(1)}" font-size="9" text-anchor="end" transform="rotate(-90 ${(bx + barW / 2).toFixed(1)} ${(top + 10).toFixed(1)})" fill="#fff" ${FONT}>↑ ${escape(p.format(v))}</text>`
        )
      }
    })
    out.push(
      `<text x="${(x0 + left + (g + 0.5) * groupW).toFixed(1)}" y="${y0 + height - 8}" font-size="12" text-anchor="middle" ${FONT}>${escape(group)}</text>`
    )
  })
  out.push(`<line x1="${x0 + left}" x2="${x0 + left + plotW}" y1="${y(p.min)}" y2="${y(p.min)}" stroke="#333"/>`)
  return out.join('\n')
}

/** Panels stacked vertically, then one legend for the series of the first panel. */
export function chart(title: string, subtitle: string, panels: Panel[], width = 920, panelHeight = 260): string {
  const header = 52
  const legendRows = Math.ceil(panels[0]!.series.length / 3)
  const height = header + panels.length * panelHeight + legendRows * 20 + 16
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="16" y="24" font-size="17" font-weight="700" ${FONT}>${escape(title)}</text>`,
    `<text x="16" y="42" font-size="12" fill="#555" ${FONT}>${escape(subtitle)}</text>`
  ]
  panels.forEach((p, i) => parts.push(panel(p, 0, header + i * panelHeight, width, panelHeight)))
  const legendY = header + panels.length * panelHeight + 8
  panels[0]!.series.forEach((s, i) => {
    const lx = 64 + (i % 3) * 280
    const ly = legendY + Math.floor(i / 3) * 20
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${s.color}"/>`)
    parts.push(`<text x="${lx + 18}" y="${ly + 11}" font-size="12" ${FONT}>${escape(s.name)}</text>`)
  })
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}

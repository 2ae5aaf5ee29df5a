/**
 * request/: pure shaping of the Messages request (no fs, no env). This module: what an image's
 * bytes say it is (PNG, JPEG, GIF, WebP by their magic bytes, not their file name) and its size
 * in pixels, read from the header so the API's dimension limits are checked before sending.
 */

export type ImageMediaType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'

export interface ImageInfo {
  mediaType: ImageMediaType
  /** Pixels; undefined when the header could not be read (a truncated or damaged file). */
  width: number | undefined
  height: number | undefined
}

const startsWith = (data: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b)
const ascii = (text: string) => [...text].map(c => c.charCodeAt(0))

/** The image kind by magic bytes, with its dimensions; undefined when the bytes are no image the API takes. */
export function imageInfo(data: Uint8Array): ImageInfo | undefined {
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    // IHDR is the first chunk: width and height, big-endian, at bytes 16 and 20.
    const ok = data.length >= 24 && startsWith(data, ascii('IHDR'), 12)
    return { mediaType: 'image/png', width: ok ? u32be(data, 16) : undefined, height: ok ? u32be(data, 20) : undefined }
  }
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { mediaType: 'image/jpeg', ...jpegSize(data) }
  if (startsWith(data, ascii('GIF87a')) || startsWith(data, ascii('GIF89a'))) {
    const ok = data.length >= 10
    return { mediaType: 'image/gif', width: ok ? u16le(data, 6) : undefined, height: ok ? u16le(data, 8) : undefined }
  }
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) {
    return { mediaType: 'image/webp', ...webpSize(data) }
  }
  return undefined
}

type Size = { width: number | undefined; height: number | undefined }
const UNKNOWN: Size = { width: undefined, height: undefined }

const u16be = (d: Uint8Array, i: number) => ((d[i] ?? 0) << 8) | (d[i + 1] ?? 0)
const u16le = (d: Uint8Array, i: number) => (d[i] ?? 0) | ((d[i + 1] ?? 0) << 8)
const u24le = (d: Uint8Array, i: number) => u16le(d, i) | ((d[i + 2] ?? 0) << 16)
const u32be = (d: Uint8Array, i: number) => u16be(d, i) * 0x10000 + u16be(d, i + 2)

/** Walks the JPEG segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpegSize(data: Uint8Array): Size {
  let i = 2
  while (i + 3 < data.length) {
    if (data[i] !== 0xff) return UNKNOWN
    const marker = data[i + 1] as number
    if (marker === 0xff) {
      i += 1 // fill byte
      continue
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2 // no length field
      continue
    }
    if (marker === 0xda || marker === 0xd9) return UNKNOWN // scan data or end before any frame header
    const length = u16be(data, i + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isFrame) {
      if (i + 8 >= data.length) return UNKNOWN
      return { height: u16be(data, i + 5), width: u16be(data, i + 7) }
    }
    if (length < 2) return UNKNOWN
    i += 2 + length
  }
  return UNKNOWN
}

/** The first chunk after the RIFF header: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webpSize(data: Uint8Array): Size {
  if (startsWith(data, ascii('VP8 '), 12)) {
    if (data.length < 30) return UNKNOWN
    return { width: u16le(data, 26) & 0x3fff, height: u16le(data, 28) & 0x3fff }
  }
  if (startsWith(data, ascii('VP8L'), 12)) {
    if (data.length < 25) return UNKNOWN
    const [b0, b1, b2, b3] = [data[21], data[22], data[23], data[24]].map(b => b ?? 0) as [
      number,
      number,
      number,
      number
    ]
    return { width: 1 + (b0 | ((b1 & 0x3f) << 8)), height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)) }
  }
  if (startsWith(data, ascii('VP8X'), 12) && data.length >= 30)
    return { width: 1 + u24le(data, 24), height: 1 + u24le(data, 27) }
  return UNKNOWN
}

import {
  type Attachment,
  AttachmentError,
  checkLimits,
  LIMITS,
  textWithHeader,
  toAttachment
} from '../../../src/request/attachments.js'
import { b64, gif, jpeg, PDF, png, webp } from '../../fixtures/images.js'

describe('toAttachment', () => {
  it('makes a text block headed by the path for valid UTF-8 without NUL, whatever the extension', () => {
    for (const name of ['notes.md', 'logo.svg', 'Makefile', 'data.bin']) {
      expect(toAttachment(name, Buffer.from('héllo ✓\n'))).toEqual({
        path: name,
        kind: 'text',
        mediaType: 'text/plain',
        bytes: 11,
        block: { type: 'text', text: `<file path="${name}">\nhéllo ✓\n</file>` }
      })
    }
  })
  it('quotes the path in the header', () => {
    expect(textWithHeader('a"&<b>.txt', 'x')).toBe('<file path="a&quot;&amp;&lt;b>.txt">\nx\n</file>')
  })
  it('makes a base64 document block for a PDF, found by %PDF-', () => {
    expect(toAttachment('spec', PDF)).toMatchObject({
      kind: 'pdf',
      bytes: PDF.length,
      block: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: b64(PDF) } }
    })
  })
  it.each([
    ['shot.png', png(640, 480), 'image/png'],
    ['shot.jpg', jpeg(640, 480), 'image/jpeg'],
    ['anim.gif', gif(640, 480), 'image/gif'],
    ['pic.webp', webp(640, 480), 'image/webp'],
    // named wrongly: the bytes decide
    ['screenshot.txt', png(640, 480), 'image/png'],
    ['photo.png', jpeg(640, 480), 'image/jpeg']
  ])('makes an image block for %s by its magic bytes (%s)', (name, data, mediaType) => {
    expect(toAttachment(name, data)).toEqual({
      path: name,
      kind: 'image',
      mediaType,
      bytes: data.length,
      width: 640,
      height: 480,
      block: { type: 'image', source: { type: 'base64', media_type: mediaType, data: b64(data) } }
    })
  })
  it.each([
    ['archive.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff])],
    ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])],
    ['nul.txt', Buffer.from('a\0b')]
  ])('refuses %s, naming the file and the kinds accepted', (name, data) => {
    expect(() => toAttachment(name, data)).toThrow(
      new AttachmentError(
        `'${name}' is not a kind of file the API accepts. Expected a text file (valid UTF-8 without NUL bytes), a PDF, or a PNG, JPEG, GIF or WebP image (recognised by their first bytes)`
      )
    )
  })
  it('refuses a file named like an image or PDF whose bytes are not one', () => {
    expect(() => toAttachment('shot.png', Buffer.from('not an image'))).toThrow(
      "'shot.png' is named like a PNG image, but its bytes are not one"
    )
    expect(() => toAttachment('doc.PDF', Buffer.from('text'))).toThrow("'doc.PDF' is named like a PDF")
  })
  it('refuses an image whose header is cut off', () => {
    expect(() => toAttachment('cut.png', png(1, 1).subarray(0, 20))).toThrow(
      "'cut.png' starts like image/png but its size cannot be read from its header"
    )
  })
})

describe('checkLimits', () => {
  const image = (name: string, w: number, h: number, padding = 0) => toAttachment(name, png(w, h, padding))
  it('accepts 8000×8000 px, refuses 8001 with the limit named', () => {
    expect(() => checkLimits([image('a.png', 8000, 8000)], 0)).not.toThrow()
    expect(() => checkLimits([image('a.png', 8001, 10)], 0)).toThrow(
      "'a.png' is 8001×10 px; the API accepts at most 8000×8000 px per image"
    )
  })
  it('holds every image to 2000×2000 px when more than 20 are attached', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => image(`${i}.png`, 2001, 10))
    expect(() => checkLimits(twenty, 0)).not.toThrow()
    expect(() => checkLimits([...twenty, image('21.png', 10, 10)], 0)).toThrow(
      "'0.png' is 2001×10 px; the API accepts at most 2000×2000 px per image when a request holds more than 20 images (it holds 21)"
    )
  })
  it('refuses more than 600 images', () => {
    const one = image('x.png', 10, 10)
    expect(() => checkLimits(new Array<Attachment>(601).fill(one), 0)).toThrow(
      '601 images are attached; the API accepts at most 600 in one request'
    )
  })
  it('refuses an image over 5 MB as base64 (3,932,160 bytes of file is the largest that fits)', () => {
    const header = png(1, 1).length
    const fits = image('fits.png', 10, 10, (LIMITS.maxImageBase64Bytes / 4) * 3 - header)
    const over = image('big.png', 10, 10, (LIMITS.maxImageBase64Bytes / 4) * 3 - header + 1)
    expect(() => checkLimits([fits], 0)).not.toThrow()
    expect(() => checkLimits([over], 0)).toThrow(
      "'big.png' is 3932161 bytes, 5242884 as base64; the API accepts at most 5242880 bytes of base64 per image"
    )
  })
  it('refuses a request over 32 MB, counting the prompt', () => {
    const text = toAttachment('big.txt', Buffer.alloc(16 * 1024 * 1024, 'a'))
    expect(() => checkLimits([text], 1000)).not.toThrow()
    expect(() => checkLimits([text, text], 0)).toThrow(/^the attachments and the prompt come to 33554\d+ bytes/)
  })
})

/*
 * Path handling in attachments that must not assume '/': the name whose extension is checked
 * starts after the last separator, '/' or '\' (Windows shows paths with it).
 */
describe('toAttachment: the extension is the file name’s, whatever the separator', () => {
  const text = Buffer.from('plain text\n')

  it("reads a Windows path's file name after its last backslash", () => {
    // A dot file named '.pdf' in a folder promises nothing; before, the whole path 'docs\.pdf' looked like a PDF.
    expect(toAttachment('docs\\.pdf', text)).toMatchObject({ kind: 'text', path: 'docs\\.pdf' })
    expect(toAttachment('docs/.pdf', text)).toMatchObject({ kind: 'text' })
  })

  it('still refuses text named like a binary kind, with either separator', () => {
    expect(() => toAttachment('docs\\scan.pdf', text)).toThrow(AttachmentError)
    expect(() => toAttachment('docs\\scan.pdf', text)).toThrow("'docs\\scan.pdf' is named like")
    expect(() => toAttachment('docs/scan.PDF', text)).toThrow(AttachmentError)
  })
})

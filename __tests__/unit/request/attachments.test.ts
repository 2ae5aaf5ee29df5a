/**
 * Path handling in attachments that must not assume '/': the name whose extension is checked
 * starts after the last separator, '/' or '\' (Windows shows paths with it).
 */
import { AttachmentError, toAttachment } from '../../../src/request/attachments.js'

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

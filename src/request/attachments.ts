/**
 * request/: pure shaping of the Messages request (no fs, no env; inputs/ reads the files). This
 * module: a file's bytes and name → one content block (text, PDF document or image), and the
 * API's published limits on what one request may carry, checked before anything is sent.
 */
import type {
  CacheControlEphemeral,
  ContentBlockParam,
  DocumentBlockParam,
  ImageBlockParam,
  MessageParam,
  TextBlockParam
} from '@anthropic-ai/sdk/resources/messages'
import { utf8Bytes } from '../util/text.js'
import { imageInfo, type ImageMediaType } from './image-size.js'

type AttachmentKind = 'text' | 'pdf' | 'image'

/** One attached file, ready to send, with what the summary lists about it. */
export interface Attachment {
  /** As shown to the model and in the summary: relative to the workspace, or absolute outside it. */
  path: string
  kind: AttachmentKind
  mediaType: 'text/plain' | 'application/pdf' | ImageMediaType
  /** The file's size on disk. */
  bytes: number
  /** Images only, from the header. */
  width?: number
  height?: number
  block: TextBlockParam | DocumentBlockParam | ImageBlockParam
}

/** A file that cannot be attached, or a request over a limit: the message names the file and the limit. */
export class AttachmentError extends Error {
  override name = 'AttachmentError'
}

const ACCEPTED_KINDS =
  'a text file (valid UTF-8 without NUL bytes), a PDF, or a PNG, JPEG, GIF or WebP image (recognised by their first bytes)'

/** File names that promise a binary kind: a mismatch with the bytes is an error, not a guess. */
const BINARY_EXTENSIONS: Record<string, string> = {
  '.pdf': 'a PDF',
  '.png': 'a PNG image',
  '.jpg': 'a JPEG image',
  '.jpeg': 'a JPEG image',
  '.gif': 'a GIF image',
  '.webp': 'a WebP image'
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-

/**
 * The block for one file. The kind comes from the bytes: PDF and image magic first, then text
 * (valid UTF-8 without NUL bytes, whatever the extension). A text file becomes a text block
 * headed by its path, so the model can tell files apart and name them.
 */
export function toAttachment(path: string, data: Uint8Array): Attachment {
  const base = { path, bytes: data.length }
  const base64 = () => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')
  if (PDF_MAGIC.every((b, i) => data[i] === b)) {
    return {
      ...base,
      kind: 'pdf',
      mediaType: 'application/pdf',
      block: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64() } }
    }
  }
  const image = imageInfo(data)
  if (image) {
    if (image.width === undefined || image.height === undefined) {
      throw new AttachmentError(
        `'${path}' starts like ${image.mediaType} but its size cannot be read from its header: the file is truncated or damaged`
      )
    }
    return {
      ...base,
      kind: 'image',
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
      block: { type: 'image', source: { type: 'base64', media_type: image.mediaType, data: base64() } }
    }
  }
  const promised = BINARY_EXTENSIONS[extensionOf(path)]
  if (promised) throw new AttachmentError(`'${path}' is named like ${promised}, but its bytes are not one`)
  const text = utf8Text(data)
  if (text === undefined) {
    throw new AttachmentError(`'${path}' is not a kind of file the API accepts. Expected ${ACCEPTED_KINDS}`)
  }
  return { ...base, kind: 'text', mediaType: 'text/plain', block: { type: 'text', text: textWithHeader(path, text) } }
}

/** `<file path="…">`, the content, `</file>`: the path quoted as an XML attribute. */
export function textWithHeader(path: string, text: string): string {
  const quoted = path.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return `<file path="${quoted}">\n${text}${text.endsWith('\n') ? '' : '\n'}</file>`
}

function utf8Text(data: Uint8Array): string | undefined {
  if (data.includes(0)) return undefined
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return undefined
  }
}

/** The name's extension; the name starts after the last separator, '/' or (on Windows, where paths are shown with it) '\\'. */
function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

/**
 * The API's published limits (checked 2026-11-29):
 * - images: at most 600 per request (100 for models with a 200k-token context window), each at
 *   most 8000×8000 px, or 2000×2000 px when a request holds more than 20 images
 *   (https://platform.claude.com/docs/en/build-with-claude/vision, "General limits");
 * - an image's base64 data at most 5 MB: the API answers "image exceeds 5 MB maximum:
 *   N bytes > 5242880 bytes" (messages.N.content.N.image.source.base64);
 * - a request at most 32 MB on the Messages and token-counting endpoints, else 413
 *   request_too_large (https://platform.claude.com/docs/en/api/overview, "Request size limits");
 *   PDFs at most 100 pages per request (https://platform.claude.com/docs/en/build-with-claude/pdf-support):
 *   not checked here, as counting pages means parsing the PDF (its page tree is often compressed).
 */
export const LIMITS = {
  maxImages: 600,
  maxImageSide: 8000,
  manyImages: 20,
  maxImageSideWhenMany: 2000,
  maxImageBase64Bytes: 5 * 1024 * 1024,
  maxRequestBytes: 32 * 1024 * 1024
} as const

/** The limits checkLimits applies: LIMITS, or smaller ones a test passes in to stay fast. */
export type AttachmentLimits = { readonly [K in keyof typeof LIMITS]: number }

/**
 * Throws an AttachmentError naming the first limit the attachments break. `otherBytes` is the
 * rest of the request as JSON (prompt, system prompt): the size limit is on the whole body.
 */
export function checkLimits(attachments: Attachment[], otherBytes: number, limits: AttachmentLimits = LIMITS): void {
  const images = attachments.filter(a => a.kind === 'image')
  if (images.length > limits.maxImages) {
    throw new AttachmentError(
      `${images.length} images are attached; the API accepts at most ${limits.maxImages} in one request`
    )
  }
  const many = images.length > limits.manyImages
  const maxSide = many ? limits.maxImageSideWhenMany : limits.maxImageSide
  for (const image of images) {
    const base64Bytes = Math.ceil(image.bytes / 3) * 4
    if (base64Bytes > limits.maxImageBase64Bytes) {
      throw new AttachmentError(
        `'${image.path}' is ${image.bytes} bytes, ${base64Bytes} as base64; the API accepts at most ${limits.maxImageBase64Bytes} bytes of base64 per image (5 MB, about 3.75 MB of image)`
      )
    }
    if ((image.width ?? 0) > maxSide || (image.height ?? 0) > maxSide) {
      const why = many ? ` when a request holds more than ${limits.manyImages} images (it holds ${images.length})` : ''
      throw new AttachmentError(
        `'${image.path}' is ${image.width}×${image.height} px; the API accepts at most ${maxSide}×${maxSide} px per image${why}`
      )
    }
  }
  const total = otherBytes + attachments.reduce((sum, a) => sum + utf8Bytes(JSON.stringify(a.block)), 0)
  if (total > limits.maxRequestBytes) {
    throw new AttachmentError(
      `the attachments and the prompt come to ${total} bytes in the request; the API accepts at most ${limits.maxRequestBytes} bytes (${megabytes(limits.maxRequestBytes)}) in one request`
    )
  }
}

/** 33554432 → '32 MB', as the API's documentation names its limit. */
export const megabytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`

export type CacheTtl = NonNullable<CacheControlEphemeral['ttl']>

/**
 * The conversation with the attachments put first in its last turn, the user's question (conversation.ts
 * makes sure it ends with one). Without
 * attachments it is unchanged. With `cache`, the last attachment carries the cache breakpoint.
 */
export function withAttachments(
  messages: readonly MessageParam[],
  attachments: readonly Attachment[],
  cache: CacheTtl | undefined
): MessageParam[] {
  const last = messages.at(-1)
  if (attachments.length === 0 || last === undefined) return [...messages]
  const blocks: ContentBlockParam[] = attachments.map(a => a.block)
  if (cache) {
    const i = blocks.length - 1
    blocks[i] = { ...(blocks[i] as ContentBlockParam), cache_control: cacheControl(cache) } as ContentBlockParam
  }
  const question: ContentBlockParam[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content
  return [...messages.slice(0, -1), { role: 'user', content: [...blocks, ...question] }]
}

export function cacheControl(ttl: CacheTtl): CacheControlEphemeral {
  return { type: 'ephemeral', ttl }
}

/** What the summary lists about a file. */
export function describeAttachment(a: Attachment): { path: string; kind: string; bytes: number } {
  const kind =
    a.kind === 'image' ? `image (${a.mediaType.slice('image/'.length).toUpperCase()}, ${a.width}×${a.height})` : a.kind
  return { path: a.path, kind: kind === 'pdf' ? 'PDF' : kind, bytes: a.bytes }
}

/**
 * Request bodies as Segment's and RudderStack's SDKs send them: JSON as `application/json` or
 * `text/plain`, gzip-compressed by RudderStack's Node SDK (`Content-Encoding: gzip`). The size
 * limit applies to the decompressed text, counted while reading, so a small compressed body
 * cannot expand past it.
 */
import { DataflyError } from '../../../core/errors/index.js';

// RudderStack's Node SDK labels its gzip JSON `application/x-www-form-urlencoded` (axios's
// default for a Buffer); the body is parsed as JSON whatever the label.
const ACCEPTED_TYPES =
  /^(text\/plain|application\/json|application\/[a-z0-9.+-]+\+json|application\/x-www-form-urlencoded)\s*(;|$)/i;

function tooLarge(maxBytes: number): DataflyError {
  return new DataflyError(
    'payload_too_large',
    `request body exceeds the limit of ${maxBytes} bytes`,
    { field: '(body)' },
  );
}

/**
 * Read a request body as text, decompressing gzip, refusing more than `maxBytes`.
 *
 * @example const text = await readBody(c.req.raw, LIMITS.batchBytes)
 */
export async function readBody(request: Request, maxBytes: number): Promise<string> {
  const type = request.headers.get('content-type');
  if (type !== null && !ACCEPTED_TYPES.test(type)) {
    throw new DataflyError(
      'unsupported_media_type',
      `content type ${type.slice(0, 100)} is not accepted; send application/json or text/plain`,
      { field: 'Content-Type' },
    );
  }
  const encoding = request.headers.get('content-encoding')?.trim().toLowerCase() ?? 'identity';
  if (encoding !== 'identity' && encoding !== 'gzip') {
    throw new DataflyError(
      'unsupported_media_type',
      `content encoding ${encoding.slice(0, 40)} is not accepted; send gzip or no encoding`,
      { field: 'Content-Encoding' },
    );
  }
  const declared = Number(request.headers.get('content-length'));
  if (encoding === 'identity' && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return '';
  const stream =
    encoding === 'gzip' ? request.body.pipeThrough(new DecompressionStream('gzip')) : request.body;
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof DataflyError) throw e;
    throw new DataflyError('invalid_request', 'request body could not be read (corrupt gzip?)', {
      field: '(body)',
      cause: e,
    });
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/** The 43-byte transparent 1×1 GIF every pixel request answers with, success or error. */
const GIF_BASE64 = 'R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

export const TRANSPARENT_GIF: Uint8Array<ArrayBuffer> = Uint8Array.from(atob(GIF_BASE64), (ch) =>
  ch.charCodeAt(0),
);

/**
 * A GIF response with the given status and no-store caching (plus any extra headers).
 *
 * @example return gifResponse(401)
 */
export function gifResponse(status: number, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'image/gif');
  h.set('cache-control', 'no-store, no-cache, must-revalidate, max-age=0');
  h.set('content-length', String(TRANSPARENT_GIF.byteLength));
  return new Response(TRANSPARENT_GIF, { status, headers: h });
}

/**
 * How TikTok's contract double answers (docs/vendors/ads-analytics-warehouse.md §4 "Test double
 * notes"): the declaration's double takes the track path with the `Access-Token` header, `data` of
 * 1–1000 events, the required fields, lowercase SHA-256 user fields and the request's
 * `event_source` (one of the setting's options) and `event_source_id`; this adds times in seconds,
 * numeric values and string content ids, and TikTok's answers: HTTP 200 with `code` 0, 40001 for
 * the token, 40002 naming the field.
 *
 * @example startSpecDouble(tiktokDeclaration, { ...tiktokDouble, token: 't' })
 */
import { json, type Answer } from '../../doubles/index.js';
import { isRecord } from '../../json/index.js';
import { timeProblem, type DoubleStyle } from '../spec/double.js';

/** In-body codes (HTTP 200) that are not plain success. */
export const TIKTOK_CODES = {
  ok: 0,
  partialOk: 20001,
  noPermission: 40001,
  invalidParameter: 40002,
  tooManyRequests: 40100,
} as const;

const tiktok = (code: number, message: string, status = 200): Answer =>
  json(status, { code, message, request_id: 'double-request', data: {} });

/** TikTok's wording, answers and checks. */
export const tiktokDouble: DoubleStyle = {
  status: { auth: 200, body: 200, count: 200, item: 200 },
  say: {
    auth: 'Access-Token is missing or invalid',
    body: 'data: Missing data for required field',
    count: 'data: Length must be between 1 and {max}',
    required: '{path}: Missing data for required field',
    hashed: '{path}: must be a lowercase SHA-256 hex digest',
  },
  at: (i) => `data.${i}.`,
  plainRefusals: true,
  error: (status, message, why) =>
    tiktok(
      why === 'auth' ? TIKTOK_CODES.noPermission : TIKTOK_CODES.invalidParameter,
      message,
      status,
    ),
  ok: () => tiktok(TIKTOK_CODES.ok, 'OK'),
  extraCheck(item, { at }) {
    const time = timeProblem(item.event_time, 's');
    if (time) return `${at}event_time: ${time}`;
    const p = item.properties;
    if (p === undefined) return undefined;
    if (!isRecord(p)) return `${at}properties: Not a valid object`;
    if (p.value !== undefined && typeof p.value !== 'number')
      return `${at}properties.value: Not a valid number`;
    if (p.contents === undefined) return undefined;
    if (!Array.isArray(p.contents)) return `${at}properties.contents: Not a valid list`;
    const bad = p.contents.findIndex(
      (c) => !isRecord(c) || (c.content_id !== undefined && typeof c.content_id !== 'string'),
    );
    return bad < 0 ? undefined : `${at}properties.contents.${bad}.content_id: Not a valid string`;
  },
};

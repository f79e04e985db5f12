// Writes the mock's XML answers. Every text value is escaped; names come from code, never input.
import type { AnswerSpec, ErrorSpec } from './flavors.js';

/** The namespace of AWS STS's answers (2011-06-15). */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * Text the mock made itself from characters XML carries as they are (base64 tokens, keys drawn
 * from the flavors' alphabets, dates), or markup of such text: written as it is, without the
 * escape test, which on a session token of several hundred characters cost more than the rest of
 * the answer's text.
 */
export class SafeText {
  constructor(readonly text: string) {}
}

/** An element: a name and either text or child elements (null children are skipped). */
export type XmlNode = readonly [name: string, content: string | SafeText | ReadonlyArray<XmlNode | null>];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const SPECIAL = /[&<>"']/;
// XML 1.0 cannot carry most control characters even escaped: they are dropped rather than emit a broken document.
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const UNWRITABLE_ALL = new RegExp(UNWRITABLE.source, 'g');

// Most values (ids, keys, dates) need neither step: test before replacing.
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
}

function clean(text: string): string {
  return UNWRITABLE.test(text) ? text.replace(UNWRITABLE_ALL, '') : text;
}

// Either step's characters in one class (an alternation of the two classes is slower than both
// tests): one test lets the ids, keys, tokens and dates of an answer through untouched.
const EITHER = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function text(content: string): string {
  return EITHER.test(content) ? escapeXml(clean(content)) : content;
}

// Each element appended to one list of pieces, joined once: a string built by nesting `+` is a
// tree of a hundred small pieces, which node:http then flattens (measured: a tenth of an answer's
// CPU under load) before it can count and write the bytes.
function appendNode(pieces: string[], node: XmlNode): void {
  const [name, content] = node;
  const [open, close] = tagsOf(name);
  if (typeof content === 'string') pieces.push(open, text(content), close);
  else if (content instanceof SafeText) pieces.push(open, content.text, close);
  else {
    pieces.push(open);
    for (const child of content) if (child !== null) appendNode(pieces, child);
    pieces.push(close);
  }
}

// Each element name's two tags, made once: the names come from code, a few dozen in all.
const tags = new Map<string, readonly [open: string, close: string]>();

function tagsOf(name: string): readonly [open: string, close: string] {
  let pair = tags.get(name);
  if (pair === undefined) {
    pair = [`<${name}>`, `</${name}>`];
    tags.set(name, pair);
  }
  return pair;
}

export function renderNode(node: XmlNode): string {
  const pieces: string[] = [];
  appendNode(pieces, node);
  return pieces.join('');
}

/** `<Action>Response>` with the flavor's declaration, namespace, prefix and ResponseMetadata placement. */
export function renderSuccess(s: AnswerSpec, action: string, result: ReadonlyArray<XmlNode | null>, requestId: string): string {
  const frame = successFrame(s, action);
  const pieces = [frame.open];
  // The request id is the mock's own (a UUID, radosgw's tx… or ECS's hex): nothing in it to escape.
  const meta = () => pieces.push('<ResponseMetadata><RequestId>', requestId, '</RequestId></ResponseMetadata>');
  if (s.responseMetadata === 'first') meta();
  pieces.push(frame.openResult);
  for (const child of result) if (child !== null) appendNode(pieces, child);
  pieces.push(frame.closeResult);
  if (s.responseMetadata === 'last') meta();
  pieces.push(frame.close);
  return pieces.join('');
}

// The declaration and root element of each flavor's answer to each action (the router's few): the same for every answer.
interface Frame {
  open: string;
  close: string;
  openResult: string;
  closeResult: string;
}
const frames = new WeakMap<AnswerSpec, Map<string, Frame>>();

function successFrame(s: AnswerSpec, action: string): Frame {
  let byAction = frames.get(s);
  if (byAction === undefined) {
    byAction = new Map();
    frames.set(s, byAction);
  }
  let frame = byAction.get(action);
  if (frame === undefined) {
    const root = s.rootPrefix ? `${s.rootPrefix}:${action}Response` : `${action}Response`;
    const xmlns = s.namespace === null ? '' : s.rootPrefix ? ` xmlns:${s.rootPrefix}="${escapeXml(s.namespace)}"` : ` xmlns="${escapeXml(s.namespace)}"`;
    frame = { open: `${s.declaration ?? ''}<${root}${xmlns}>`, close: `</${root}>`, openResult: `<${action}Result>`, closeResult: `</${action}Result>` };
    byAction.set(action, frame);
  }
  return frame;
}

/** The flavor's error document: AWS's `ErrorResponse`, or a bare S3 `Error` (Ceph: empty Message, HostId). */
export function renderError(shape: ErrorSpec['shape'], code: string, message: string, requestId: string, status: number): string {
  if (shape === 'S3Error') {
    return (
      '<?xml version="1.0" encoding="UTF-8"?>' +
      renderNode([
        'Error',
        [
          ['Code', code],
          ['Message', ''],
          ['RequestId', requestId],
          ['HostId', 'mock-default-default'],
        ],
      ])
    );
  }
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
    renderNode([
      'Error',
      [
        ['Type', type],
        ['Code', code],
        ['Message', message],
      ],
    ]) +
    renderNode(['RequestId', requestId]) +
    '</ErrorResponse>'
  );
}

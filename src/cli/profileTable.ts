// What `sts-cli list` prints (SPEC §7): the rows of listProfiles as a table a person reads, one
// line a profile, or as JSON for scripts. Pure: rows, the time and the colours in, text out. The
// rows hold no secret; what came from the files is escaped (terminal controls) and URLs lose their
// userinfo before it is printed.
import type { ProfileRow } from '../credentials/listProfiles.js';
import type { ShadowMark } from '../credentials/profileShadowing.js';
import type { ChainSource } from '../credentials/profileTypes.js';
import { maskUrlUserinfo } from '../redact.js';
import { escapeControl } from '../terminalText.js';
import { isoSeconds } from '../credentials/isoSeconds.js';
import { type Painter, timeLeft } from './output.js';

/** Credentials expiring sooner than this are shown in yellow: the SDKs refresh 5 to 15 minutes ahead. */
const SOON_MS = 15 * 60_000;
const NONE = '-';

const safe = (text: string) => escapeControl(maskUrlUserinfo(text));

const SOURCE_WORDS: Record<ChainSource['type'], string | undefined> = {
  static: undefined,
  process: 'credential_process',
  'web-identity': 'web identity',
  sso: 'SSO',
  login: 'login',
  environment: 'environment',
  'ecs-token': 'ECS token',
};

/** `mid > base`, what signs the first hop in brackets when it is not stored keys. */
function sourceText(row: ProfileRow): string {
  if (!row.source) return NONE;
  const word = SOURCE_WORDS[row.source.type];
  if (row.source.profiles.length === 0) return word ?? NONE;
  const chain = row.source.profiles.join(' > ');
  return word ? `${chain} (${word})` : chain;
}

function section(file: ShadowMark['file'], header: string): string {
  return `${file} [${header}]`;
}

/** One shadow mark as a phrase: what of which section botocore does not use, and what wins. */
export function shadowText(mark: ShadowMark): string {
  const loser = section(mark.file, mark.section);
  const winner = section(mark.by.file, mark.by.section);
  if (mark.what === 'section') return `${loser} ignored, ${winner} wins`;
  if (mark.what === 'settings') return `${loser} ${mark.keys.join(', ')} overridden by ${winner}`;
  return `${loser} ${mark.keys.join(', ')} unused, ${winner} wins`;
}

interface Cell {
  text: string;
  paint?: (text: string) => string;
}

function expiryCell(row: ProfileRow, now: Date, paint: Painter): Cell {
  if (!row.expiresAt) return { text: NONE, paint: paint.dim };
  const left = row.expiresAt.getTime() - now.getTime();
  const text = `${isoSeconds(row.expiresAt)} (${timeLeft(row.expiresAt, now)}${row.expiry === 'cache' ? ', cached' : ''})`;
  return { text, paint: left <= 0 ? paint.red : left < SOON_MS ? paint.yellow : paint.green };
}

function notesCell(row: ProfileRow, paint: Painter): Cell {
  const problems: string[] = [];
  if (row.problem) problems.push(safe(row.problem.message));
  if (row.nameProblem) problems.push(`the name ${row.nameProblem}; sts-cli will not use it`);
  const shadows = row.shadow.map((mark) => `shadowed: ${safe(shadowText(mark))}`);
  // A profile that cannot be used is the news; shadowing alone is a warning.
  return { text: [...problems, ...shadows].join('; '), paint: problems.length > 0 ? paint.red : paint.yellow };
}

function cellsOf(row: ProfileRow, now: Date, paint: Painter): Cell[] {
  const orNone = (text: string | undefined): Cell => (text ? { text: safe(text) } : { text: NONE, paint: paint.dim });
  return [
    { text: safe(row.name), paint: paint.bold },
    { text: row.kind, paint: row.kind === 'role' || row.kind === 'web-identity' ? paint.cyan : row.kind === 'none' ? paint.dim : (t) => t },
    orNone(row.source ? sourceText(row) : undefined),
    orNone(row.region),
    orNone(row.endpointUrl),
    expiryCell(row, now, paint),
    notesCell(row, paint),
  ];
}

const HEADER = ['NAME', 'KIND', 'SOURCE', 'REGION', 'ENDPOINT', 'EXPIRES', 'NOTES'];

/** The table: a header, then one line per row, columns padded to their widest cell; colour only through `paint`. */
export function renderProfileTable(rows: readonly ProfileRow[], now: Date, paint: Painter): string {
  const lines = rows.map((row) => cellsOf(row, now, paint));
  const widths = HEADER.map((title, i) => Math.max(title.length, ...lines.map((cells) => cells[i]!.text.length)));
  // Padded to the column's width, but not after the last cell that says something (no trailing spaces, painted or not).
  const render = (cells: Cell[]) => {
    let last = cells.length - 1;
    while (last > 0 && cells[last]!.text === '') last--;
    return cells
      .slice(0, last + 1)
      .map((cell, i) => {
        const padded = i === last ? cell.text : cell.text.padEnd(widths[i]!);
        return cell.paint ? cell.paint(padded) : padded;
      })
      .join('  ');
  };
  const header = HEADER.map((title, i) => (i === HEADER.length - 1 ? title : title.padEnd(widths[i]!))).join('  ');
  return [paint.dim(header), ...lines.map(render)].join('\n');
}

/** The rows for scripts: dates as ISO 8601 UTC with the seconds left; the same fields otherwise, escaped alike. */
export function profileListJson(rows: readonly ProfileRow[], now: Date): string {
  const profiles = rows.map((row) => ({
    name: row.name,
    kind: row.kind,
    ...(row.source ? { source: { profiles: row.source.profiles, type: row.source.type } } : {}),
    ...(row.region !== undefined ? { region: row.region } : {}),
    ...(row.endpointUrl !== undefined ? { endpointUrl: maskUrlUserinfo(row.endpointUrl) } : {}),
    ...(row.expiresAt
      ? {
          expiration: isoSeconds(row.expiresAt),
          secondsLeft: Math.max(0, Math.round((row.expiresAt.getTime() - now.getTime()) / 1000)),
          expiry: row.expiry,
        }
      : {}),
    files: row.files,
    shadow: row.shadow,
    ...(row.problem ? { problem: row.problem } : {}),
    ...(row.nameProblem ? { nameProblem: row.nameProblem } : {}),
  }));
  return JSON.stringify({ profiles }, null, 2);
}

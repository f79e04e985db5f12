// The README's fenced code blocks, with the heading each sits under, and the commands of a shell
// block as a shell would read them (continuation lines joined, comment-only lines dropped).
import { readFileSync } from 'node:fs';

export const README = new URL('../../README.md', import.meta.url);

export interface Block {
  /** The info string after the opening fence: sh, bash, yaml, json… */
  lang: string;
  /** The nearest heading above the block (without its #s). */
  heading: string;
  /** 1-based line of the opening fence in README.md. */
  line: number;
  body: string;
}

export function readmeBlocks(text = readFileSync(README, 'utf8')): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) {
      const title = /^#{1,6} (.+)$/.exec(lines[i]!);
      if (title) heading = title[1]!;
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    blocks.push({ lang: open[1]!, heading, line: start + 1, body: body.join('\n') });
  }
  return blocks;
}

export const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);

/** The commands of a shell block: `\`-continued lines joined; blank and comment-only lines left out. */
export function shellCommands(body: string): string[] {
  const commands: string[] = [];
  let current = '';
  for (const line of body.split('\n')) {
    if (current === '' && (/^\s*$/.test(line) || /^\s*#/.test(line))) continue;
    if (line.endsWith('\\')) {
      current += `${line}\n`;
      continue;
    }
    commands.push(current + line);
    current = '';
  }
  if (current !== '') commands.push(current.trimEnd());
  return commands;
}

/** The exit code a command's trailing comment promises (`# exits 3`), else 0. */
export function expectedExit(command: string): number {
  const said = /#[^\n]*\bexits (\d+)\b[^\n]*$/.exec(command);
  return said ? Number(said[1]) : 0;
}

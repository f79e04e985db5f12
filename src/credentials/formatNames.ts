// The names of the output formats, apart from the renderer: the CLI declares its flags with these
// at every start, and the renderer is loaded only by the commands that print.

export const OUTPUT_FORMATS = ['env', 'env-no-export', 'fish', 'powershell', 'windows-cmd', 'json', 'process'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** The formats of `sts-cli env` (all but json). */
export const EXPORT_FORMATS = OUTPUT_FORMATS.filter((f) => f !== 'json') as Exclude<OutputFormat, 'json'>[];
export type ExportFormat = Exclude<OutputFormat, 'json'>;

export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'string' && (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export function isExportFormat(value: unknown): value is ExportFormat {
  return isOutputFormat(value) && value !== 'json';
}

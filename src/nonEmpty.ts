// Shared by the readers of outside text (environment variables, XML answers): an empty value
// counts as absent, as the SDKs read AWS_CONFIG_FILE= and <RequestId/>.

/** `value`, or undefined when it is absent or empty. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** An error the CLI reports as one line (`atelier: <message>`) with a non-zero exit. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
  }
}

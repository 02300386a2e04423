/** Says once, up front, when the Postgres suites will be skipped and why. */
export default function setup(): void {
  if (!process.env.ATELIER_TEST_DATABASE_URL) {
    console.log(
      '[@atelier/sql] Postgres suites skipped: ATELIER_TEST_DATABASE_URL is not set ' +
        '(e.g. postgres://postgres@127.0.0.1:5432/test); SQLite suites run.',
    )
  }
}

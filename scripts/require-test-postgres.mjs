// test:pg runs the server suite on PostgreSQL; it needs a role that may create databases.
if (!process.env.HOURGLASS_TEST_DATABASE_URL) {
  console.error(
    'Set HOURGLASS_TEST_DATABASE_URL to a PostgreSQL URL whose role may create databases, e.g.\n' +
      '  HOURGLASS_TEST_DATABASE_URL=postgres://hourglass_ci@127.0.0.1:5432/hourglass_ci npm run test:pg\n' +
      '(.ci/run creates that role and database itself.)',
  );
  process.exit(1);
}

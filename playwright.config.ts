// End-to-end tests against the release build in dist/ (run by `cargo xtask test`, which builds
// dist/ first and sets CHROMIUM_PATH and E2E_PORT). Never downloads a browser.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
// The static build for a course page (`cargo xtask dist --public-url /cnn/`), served under /cnn/
// for tests/subpath.spec.ts; `cargo xtask test` builds it into target/dist-cnn.
const subpathPort = Number(process.env.E2E_SUBPATH_PORT ?? port + 1);
const subpathDist = process.env.E2E_SUBPATH_DIST ?? 'target/dist-cnn';

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    browserName: 'chromium',
    viewport: { width: 1024, height: 768 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
    trace: 'off',
    // Requests answered by the service worker would bypass the fixtures' request checks; the
    // offline spec allows it.
    serviceWorkers: 'block',
  },
  webServer: [
    {
      command: `node tests/serve-dist.mjs ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/serve-dist.mjs ${subpathPort} ${subpathDist} /cnn/`,
      url: `http://127.0.0.1:${subpathPort}/cnn/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});

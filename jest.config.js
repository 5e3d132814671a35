// Three projects: pure domain rules, functions through the real SDK against the local emulator, pages via miniprogram-simulate.
const tsJest = ['ts-jest', { diagnostics: false }]
const common = { transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] }

module.exports = {
  // Function and page tests make real round trips to an emulator; on a loaded 2-core CI machine a concurrent
  // 100-way race can take longer than jest's 5 s default. (A per-project testTimeout is not honoured.)
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'functions',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/tests/functions/**/*.test.ts',
        '<rootDir>/tests/emulator/**/*.test.ts',
      ],
      setupFiles: ['<rootDir>/tests/support/node-env.ts'],
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: '<rootDir>/tests/support/page-environment.js',
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/page-env.ts'],
    },
  ],
}

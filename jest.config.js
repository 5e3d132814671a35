// Three projects: pure domain rules, functions through the real SDK against the local emulator, pages via miniprogram-simulate.
const tsJest = ['ts-jest', { diagnostics: false }]
const common = { transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'] }

module.exports = {
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
      testTimeout: 60000,
    },
    {
      ...common,
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/support/page-env.ts'],
    },
  ],
}

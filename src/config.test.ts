import { describe, expect, it } from 'vitest'
import { describeConfig, resolveServeConfig, SERVE_SETTINGS } from './config.js'

// Expected values: the rule of issue 12 (flags > environment > defaults) and the documented defaults.

describe('serve configuration: flags > environment > defaults', () => {
  it('takes the defaults when neither a flag nor a variable is given', () => {
    const { options, sources } = resolveServeConfig({}, {})
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      data: './data',
      flavor: 'classic',
      control: false,
      empty: false,
      logLevel: 'info',
      plugins: [],
    })
    expect(sources.port).toBe('default')
  })

  it('takes every option from its environment variable', () => {
    const env = {
      OMEKA_TWIN_HOST: '0.0.0.0',
      OMEKA_TWIN_PORT: '9001',
      OMEKA_TWIN_DATA: '/srv/data',
      OMEKA_TWIN_FLAVOR: 'both',
      OMEKA_TWIN_CONTROL: '1',
      OMEKA_TWIN_FIXTURE: '/fx',
      OMEKA_TWIN_EMPTY: 'true',
      OMEKA_TWIN_BASE_URL: 'https://omeka.example',
      OMEKA_TWIN_MAX_UPLOAD: '1000',
      OMEKA_TWIN_PLUGINS: 'geolocation',
      OMEKA_TWIN_FAULTS: '/rules.json',
      OMEKA_TWIN_CORS_ORIGINS: '*',
      OMEKA_TWIN_JOURNAL_SIZE: '5',
      OMEKA_TWIN_LOG_LEVEL: 'silent',
      OMEKA_TWIN_BUG_COMPAT: '1',
      OMEKA_TWIN_CONTROL_TOKEN: 'a-token-of-16-chars',
      OMEKA_TWIN_ALLOW_FILE_HOSTS: 'cdn.example.org',
    }
    // Every option has a variable, and this test sets each of them.
    expect(
      Object.values(SERVE_SETTINGS)
        .map((s) => s.env)
        .sort(),
    ).toEqual(Object.keys(env).sort())
    const { options, sources } = resolveServeConfig({}, env)
    expect(options).toEqual({
      host: '0.0.0.0',
      port: 9001,
      data: '/srv/data',
      flavor: 'both',
      control: true,
      fixture: '/fx',
      empty: true,
      baseUrl: 'https://omeka.example',
      maxUpload: 1000,
      plugins: ['geolocation'],
      faults: '/rules.json',
      corsOrigins: '*',
      journalSize: 5,
      logLevel: 'silent',
      bugCompat: true,
      controlToken: 'a-token-of-16-chars',
      allowFileHost: 'cdn.example.org',
    })
    expect(new Set(Object.values(sources))).toEqual(new Set(['env']))
  })

  it('lets a flag win over its variable', () => {
    const env = {
      OMEKA_TWIN_PORT: '9001',
      OMEKA_TWIN_HOST: '0.0.0.0',
      OMEKA_TWIN_FLAVOR: 's',
      OMEKA_TWIN_CONTROL: '0',
      OMEKA_TWIN_CORS_ORIGINS: '*',
    }
    const { options, sources } = resolveServeConfig(
      { port: 7000, host: '127.0.0.1', flavor: 'classic', control: true, corsOrigin: 'https://a.example' },
      env,
    )
    expect(options).toMatchObject({
      port: 7000,
      host: '127.0.0.1',
      flavor: 'classic',
      control: true,
      corsOrigins: 'https://a.example',
    })
    expect(sources).toMatchObject({ port: 'flag', host: 'flag', flavor: 'flag', control: 'flag', corsOrigins: 'flag' })
  })

  it('treats an empty variable as unset, and reads 0/false as off', () => {
    expect(resolveServeConfig({}, { OMEKA_TWIN_PORT: '', OMEKA_TWIN_CONTROL: 'false' }).options).toMatchObject({
      port: 8080,
      control: false,
    })
  })

  it('names the variable or flag that holds a bad value', () => {
    expect(() => resolveServeConfig({}, { OMEKA_TWIN_PORT: 'eighty' })).toThrow(/^invalid OMEKA_TWIN_PORT: /)
    expect(() => resolveServeConfig({}, { OMEKA_TWIN_CONTROL: 'maybe' })).toThrow(/^invalid OMEKA_TWIN_CONTROL: /)
    expect(() => resolveServeConfig({ flavor: 'x' }, {})).toThrow(/^invalid --flavor: /)
    expect(() => resolveServeConfig({}, { OMEKA_TWIN_LOG_LEVEL: 'loud' })).toThrow(/^invalid OMEKA_TWIN_LOG_LEVEL: /)
  })

  it('describes the effective configuration with sources, credentials redacted', () => {
    const { options, sources } = resolveServeConfig(
      { port: 0 },
      { OMEKA_TWIN_BASE_URL: 'https://user:secret@omeka.example/?key=abc' },
    )
    const line = describeConfig(options, sources)
    expect(line).toContain('port=0 (flag)')
    expect(line).toContain('host=127.0.0.1 (default)')
    expect(line).toContain('base-url=https://***@omeka.example/?key=*** (env OMEKA_TWIN_BASE_URL)')
    expect(line).not.toMatch(/secret|abc/)
  })
})
